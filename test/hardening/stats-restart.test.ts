import {spawn} from 'node:child_process';
import fs from 'node:fs';
import test from 'ava';
import {StatsCollector} from '../../source/collect/stats/stats-collector.js';
import {fakeInstallation} from '../helpers/fake-installation.js';
import {serveStats} from '../helpers/fake-stats-daemon.js';
import {analysisdGetstats} from '../helpers/stats-analysisd.js';
import {engineDump} from '../helpers/stats-engine.js';

/*
 * A daemon restarting: its socket gone for a while (or left behind by a daemon killed with -9,
 * with nobody listening), then a new daemon with counters from zero. The collector reports the gap
 * as a problem, told once, and after it the new start time: counters going down are the model's
 * business, the changed `started` tells it why.
 */

test('getstats: down while the socket is gone, then the new daemon with its own start time and smaller counters', async t => {
	const fake = fakeInstallation(t, 'manager-4', '4.14.7');
	const socket = fake.at('queue/sockets/analysis');
	let figures = {uptime: 1_754_550_000, timestamp: 1_754_553_600, received: 1_000_000, processed: 999_000};
	const reply = (): string => JSON.stringify(analysisdGetstats('4.14', figures));
	const old = await serveStats(t, socket, 'framed', reply);
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-analysisd']});
	const warnings: string[] = [];
	collector.on('warning', warning => warnings.push(warning));
	const before = (await collector.roundNow()).daemons[0]!;
	await old.close();
	const gone = (await collector.roundNow()).daemons[0]!;
	t.false(gone.up);
	t.is(gone.problem, `no socket at ${socket} (is the daemon running?); no state file at ${fake.at('var/run/wazuh-analysisd.state')}`);
	figures = {uptime: 1_754_553_700, timestamp: 1_754_553_710, received: 500, processed: 480};
	await serveStats(t, socket, 'framed', reply);
	const after = (await collector.roundNow()).daemons[0]!;
	t.true(after.up);
	t.is(before.started, 1_754_550_000_000);
	t.is(after.started, 1_754_553_700_000);
	t.true(after.values.eventsReceived! < before.values.eventsReceived!);
	t.is(warnings.length, 1);
});

test('a socket left by a daemon killed with -9: nobody listens; the engine restarted: a new start time', async t => {
	const fake = fakeInstallation(t, 'manager-5', '5.0.1');
	const socket = fake.at('queue/sockets/analysis');
	// A process that binds the socket and is killed before it can remove it.
	const holder = spawn(process.execPath, ['-e', 'require("net").createServer().listen(process.argv[1], () => console.log("up"))', socket], {stdio: ['ignore', 'pipe', 'inherit']});
	t.teardown(() => {
		holder.kill('SIGKILL');
	});
	await new Promise(resolve => holder.stdout.once('data', resolve));
	holder.kill('SIGKILL');
	await new Promise(resolve => holder.once('exit', resolve));
	t.true(fs.lstatSync(socket).isSocket());
	const collector = new StatsCollector({installations: [fake.installation]});
	const stale = (await collector.roundNow()).daemons[0]!;
	t.like(stale, {daemon: 'wazuh-manager-analysisd', up: false, problem: `nobody listens on ${socket} (is the daemon running?)`});
	fs.rmSync(socket);
	let uptimeMs = Date.parse('2026-08-14T10:00:00.123Z');
	let timestampMs = uptimeMs + 7_200_000;
	const dump = (): string => JSON.stringify(engineDump({uptimeMs, timestampMs, received: 50, processed: 40, routerDropped: 0, routerPercent: 0}));
	const first = await serveStats(t, socket, 'http', dump);
	const one = (await collector.roundNow()).daemons[0]!;
	await first.close();
	uptimeMs += 7_300_000;
	timestampMs += 110_000;
	await serveStats(t, socket, 'http', dump);
	const two = (await collector.roundNow()).daemons[0]!;
	t.true(one.up && two.up);
	t.is(two.started! - one.started!, 7_300_000);
});
