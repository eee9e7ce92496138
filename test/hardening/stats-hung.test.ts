import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {StatsCollector} from '../../source/collect/stats/stats-collector.js';
import type {StatsSnapshot} from '../../source/model/daemon-stats.js';
import {fakeInstallation} from '../helpers/fake-installation.js';
import {serveStats, until} from '../helpers/fake-stats-daemon.js';
import {remotedGetstats} from '../helpers/stats-remoted.js';

/*
 * A daemon that accepts the connection and never answers (hung, stopped with SIGSTOP, deadlocked):
 * every round gives up on it at the deadline and goes on, the other daemons answer in the same
 * rounds, and stop() cuts the hung connection at once.
 */

const uptime = 1_754_550_000;

async function hungManager(t: ExecutionContext) {
	const fake = fakeInstallation(t, 'manager-4', '4.14.7');
	const analysisd = await serveStats(t, fake.at('queue/sockets/analysis'), 'framed', () => '');
	analysisd.mode = {kind: 'hang'};
	const remoted = await serveStats(t, fake.at('queue/sockets/remote'), 'framed', () => JSON.stringify(remotedGetstats('4.14', {
		uptime, timestamp: uptime + 60, events: 10, discarded: 0, tcpSessions: 1, queued: 0, queueSize: 131_072,
	})));
	return {fake, analysisd, remoted};
}

test('rounds go on past a hung socket: it is down within the deadline each round, told once, the others answer', async t => {
	const {fake, analysisd} = await hungManager(t);
	const collector = new StatsCollector({installations: [fake.installation], interval: 0.2, daemons: ['wazuh-analysisd', 'wazuh-remoted']});
	const snapshots: StatsSnapshot[] = [];
	const warnings: string[] = [];
	collector.on('snapshot', snapshot => snapshots.push(snapshot));
	collector.on('warning', warning => warnings.push(warning));
	t.teardown(async () => collector.stop());
	collector.start();
	await until(() => snapshots.length >= 3, 'three rounds');
	await collector.stop();
	for (const snapshot of snapshots) {
		t.like(snapshot.daemons[0], {daemon: 'wazuh-analysisd', up: false, problem: `no answer within 1 s on ${fake.at('queue/sockets/analysis')}`});
		t.like(snapshot.daemons[1], {daemon: 'wazuh-remoted', up: true});
	}

	t.deepEqual(warnings, [`wazuh-analysisd statistics: no answer within 1 s on ${fake.at('queue/sockets/analysis')}`]);
	t.deepEqual(snapshots.map(snapshot => snapshot.round), snapshots.map((_, index) => index + 1));
	// Rounds last 1 s on a 0.2 s interval, yet never overlap: one connection per round, never two at once.
	t.true(analysisd.accepted >= snapshots.length);
	t.is(analysisd.maxOpen, 1);
	await until(() => analysisd.open === 0, 'every hung connection closed');
});

test('stop() during a hung query closes the socket at once and resolves well within 2 s; the cut round is not emitted', async t => {
	const {fake, analysisd} = await hungManager(t);
	const collector = new StatsCollector({installations: [fake.installation], interval: 5, daemons: ['wazuh-analysisd']});
	let emitted = 0;
	collector.on('snapshot', () => emitted++);
	collector.start();
	await until(() => analysisd.open === 1, 'the collector to be waiting on the hung socket');
	const started = performance.now();
	await collector.stop();
	const took = performance.now() - started;
	t.true(took < 2000, `stop() took ${took} ms`);
	await until(() => analysisd.open === 0, 'the server to see the connection closed');
	t.is(emitted, 0);
});

for (const moment of ['waiting on the hung socket', 'between rounds'] as const) {
	test(`a process collecting from a hung socket ends on its own within 2 s of SIGINT ${moment} (nothing left running)`, async t => {
		const {fake, analysisd} = await hungManager(t);
		const script = fileURLToPath(new URL('../helpers/stats-sigint-child.ts', import.meta.url));
		const child = spawn(process.execPath, ['--import=tsx', script, JSON.stringify(fake.installation)], {stdio: ['pipe', 'pipe', 'inherit']});
		t.teardown(() => {
			child.kill('SIGKILL');
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		const exited = new Promise<number | null>(resolve => child.once('exit', code => {
			resolve(code);
		}));
		if (moment === 'between rounds') {
			// The first round ends at its deadline; the next is due 5 s after it started.
			await until(() => output.includes('round 1\n'), 'the first round', 60_000);
		} else {
			await until(() => analysisd.open === 1, 'the child to wait on the hung socket', 60_000);
		}

		const signalled = performance.now();
		child.kill('SIGINT');
		const code = await exited;
		const took = performance.now() - signalled;
		t.is(code, 0, output);
		t.true(output.endsWith('stopped\n'), output);
		t.true(took < 2000, `the process took ${took} ms to end after SIGINT`);
		await until(() => analysisd.open === 0, 'the hung connection closed');
	});
}
