import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {StatsCollector} from '../../source/collect/stats/stats-collector.js';
import type {DaemonStats} from '../../source/model/daemon-stats.js';
import {type FakeInstall, fakeInstallation} from '../helpers/fake-installation.js';
import {until} from '../helpers/fake-stats-daemon.js';
import {logcollectorState} from '../helpers/stats-agent.js';

/*
 * State files rewritten while they are read: analysisd, remoted and agentd write a temporary file
 * and rename it over the old one; logcollector truncates and rewrites in place. A reading is the
 * whole of one version of the file or nothing (a problem): never figures of two versions, never
 * half a figure. The writer is another process, writing without pause.
 */

const rewriter = fileURLToPath(new URL('../helpers/stats-rewriter.ts', import.meta.url));

function startRewriter(t: ExecutionContext, mode: 'rename' | 'in-place', file: string): void {
	const child = spawn(process.execPath, ['--import=tsx', rewriter, mode, file], {stdio: ['pipe', 'ignore', 'inherit']});
	t.teardown(async () => {
		const exited = new Promise(resolve => child.once('exit', resolve));
		child.stdin.end();
		await exited;
	});
}

/** Rounds until `wanted` readings succeeded; every reading, good or not, goes through `check`. */
async function readWhileRewritten(t: ExecutionContext, fake: FakeInstall, daemon: string, wanted: number, check: (stats: DaemonStats) => void): Promise<void> {
	const collector = new StatsCollector({installations: [fake.installation], daemons: [daemon]});
	let good = 0;
	let refused = 0;
	for (let round = 0; good < wanted; round++) {
		const stats = (await collector.roundNow()).daemons[0]!;
		check(stats);
		if (stats.up) {
			good++;
		} else {
			refused++;
		}

		if (round > 20 * wanted) {
			t.fail(`only ${good} good readings in ${round} rounds`);
			return;
		}
	}

	t.log(`${good} good readings, ${refused} thrown away`);
}

test('a file renamed over while read (analysisd): every reading is one generation\'s', async t => {
	const fake = fakeInstallation(t, 'manager-4', '4.3.11');
	const file = fake.at('var/run/wazuh-analysisd.state');
	startRewriter(t, 'rename', file);
	await until(() => fs.existsSync(file), 'the first file');
	const seen = new Set<number>();
	await readWhileRewritten(t, fake, 'wazuh-analysisd', 300, stats => {
		t.true(stats.up, stats.problem);
		const raw = stats.raw;
		const n = raw.events_dropped as number;
		t.true(n > 0 && raw.events_received === 3 * n && raw.events_processed === 2 * n, JSON.stringify(raw));
		seen.add(n);
	});
	t.true(seen.size > 1, 'the file changed during the readings');
});

test('a file rewritten in place while read (logcollector): a reading is a whole version or a problem, never a mix', async t => {
	const fake = fakeInstallation(t, 'agent', '4.14.7');
	const file = fake.at('var/run/wazuh-logcollector.state');
	startRewriter(t, 'in-place', file);
	await until(() => fs.existsSync(file), 'the first file');
	await readWhileRewritten(t, fake, 'wazuh-logcollector', 40, stats => {
		if (stats.up) {
			const drops = stats.values.logDrops!;
			t.true(drops > 0 && stats.values.logEvents === 4 * drops, JSON.stringify(stats.values));
		} else {
			t.deepEqual(stats.values, {});
			t.regex(stats.problem!, /changed while it was read|is not JSON/);
		}
	});
});

test('a logcollector file left half written is no figure until it is whole', async t => {
	const fake = fakeInstallation(t, 'agent', '4.14.7');
	const file = fake.at('var/run/wazuh-logcollector.state');
	const text = logcollectorState([{location: 'journald', events: 1000, drops: [10]}]);
	fs.writeFileSync(file, text.slice(0, Math.floor(text.length * 0.6)), {mode: 0o640});
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-logcollector']});
	const half = (await collector.roundNow()).daemons[0]!;
	t.false(half.up);
	t.deepEqual(half.values, {});
	t.regex(half.problem!, /^the state file is not JSON \(starts with "\{/);
	fs.appendFileSync(file, text.slice(Math.floor(text.length * 0.6)));
	t.like((await collector.roundNow()).daemons[0], {up: true, values: {logEvents: 1000, logDrops: 10}});
});
