import fs from 'node:fs';
import test, {type ExecutionContext} from 'ava';
import {getstatsRequest} from '../../../source/collect/stats/getstats.js';
import {StatsCollector} from '../../../source/collect/stats/stats-collector.js';
import type {DaemonStats, StatsSnapshot, StatsValues} from '../../../source/model/daemon-stats.js';
import {fakeInstallation} from '../../helpers/fake-installation.js';
import {serveStats, until} from '../../helpers/fake-stats-daemon.js';
import {agentdState, logcollectorState} from '../../helpers/stats-agent.js';
import {analysisdGetstats, analysisdState} from '../../helpers/stats-analysisd.js';
import {engineDump} from '../../helpers/stats-engine.js';
import {remotedGetstats, remotedState} from '../../helpers/stats-remoted.js';
import {wazuhDbGetstats} from '../../helpers/stats-wazuh-db.js';

/*
 * The collector against fake daemons on real unix sockets and real state files, in a folder laid
 * out like an installation. The fakes' counters grow at known rates on a clock the test moves, so
 * the rates over the daemons' own timestamps come out exact.
 */

const uptime = 1_754_550_000;

function byDaemon(snapshot: StatsSnapshot, daemon: string): DaemonStats {
	const found = snapshot.daemons.find(each => each.daemon === daemon);
	if (found === undefined) {
		throw new Error(`${daemon} is not in the snapshot`);
	}

	return found;
}

/** Per second of the daemon's own time, between two readings. */
function rate(before: DaemonStats, after: DaemonStats, key: keyof StatsValues): number {
	return (after.values[key]! - before.values[key]!) / ((after.time! - before.time!) / 1000);
}

/** Equal up to float rounding (seconds from milliseconds). */
function near(t: ExecutionContext, actual: number, expected: number): void {
	t.true(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
}

test('4.14 manager: getstats of analysisd, remoted and wazuh-db, logcollector\'s file; rates exact over the daemons\' time', async t => {
	const fake = fakeInstallation(t, 'manager-4', '4.14.7');
	let now = uptime + 100;
	const at = (perSecond: number): number => perSecond * (now - uptime);
	const analysisd = await serveStats(t, fake.at('queue/sockets/analysis'), 'framed', () => JSON.stringify(analysisdGetstats('4.14', {
		uptime, timestamp: now, received: at(250), processed: at(240),
		dropped: {'modules_breakdown.logcollector_breakdown.others': at(7), 'modules_breakdown.syscheck': at(3)}, usage: {others: 0.25},
	})));
	const remoted = await serveStats(t, fake.at('queue/sockets/remote'), 'framed', () => JSON.stringify(remotedGetstats('4.14', {
		uptime, timestamp: now, events: at(120), discarded: at(2), tcpSessions: 42, queued: 32_768, queueSize: 131_072,
	})));
	const wdb = await serveStats(t, fake.at('queue/db/wdb'), 'framed', () => JSON.stringify(wazuhDbGetstats('4.14', {uptime, timestamp: now, queries: at(40), executionMs: at(15)})));
	const logcollector = (events: number, time: number): void => {
		fake.writeState('var/run/wazuh-logcollector.state', logcollectorState([{location: 'journald', events, drops: [events / 100]}]));
		fs.utimesSync(fake.at('var/run/wazuh-logcollector.state'), time, time);
	};

	logcollector(6000, now);
	const collector = new StatsCollector({installations: [fake.installation]});
	t.deepEqual(collector.daemons, ['wazuh-analysisd', 'wazuh-remoted', 'wazuh-db', 'wazuh-logcollector']);
	const first = await collector.roundNow();
	now += 10;
	logcollector(6600, now);
	const second = await collector.roundNow();
	t.deepEqual(second.daemons.map(each => [each.daemon, each.up, each.source, each.problem]), [
		['wazuh-analysisd', true, 'getstats', undefined],
		['wazuh-remoted', true, 'getstats', undefined],
		['wazuh-db', true, 'getstats', undefined],
		['wazuh-logcollector', true, 'state-file', undefined],
	]);
	const [a1, a2] = [byDaemon(first, 'wazuh-analysisd'), byDaemon(second, 'wazuh-analysisd')];
	t.is(rate(a1, a2, 'eventsReceived'), 250);
	t.is(rate(a1, a2, 'eventsProcessed'), 240);
	t.is(rate(a1, a2, 'eventsDropped'), 10);
	t.is(a2.queues.others, 0.25);
	t.is(a2.started, uptime * 1000);
	t.is(a2.path, fake.at('queue/sockets/analysis'));
	const [r1, r2] = [byDaemon(first, 'wazuh-remoted'), byDaemon(second, 'wazuh-remoted')];
	t.is(rate(r1, r2, 'messagesReceived'), 120);
	t.is(rate(r1, r2, 'messagesDiscarded'), 2);
	t.is(r2.values.tcpSessions, 42);
	t.is(r2.queues.received, 0.25);
	const [w1, w2] = [byDaemon(first, 'wazuh-db'), byDaemon(second, 'wazuh-db')];
	t.is(rate(w1, w2, 'queries'), 40);
	near(t, rate(w1, w2, 'querySeconds'), 0.015);
	const [l1, l2] = [byDaemon(first, 'wazuh-logcollector'), byDaemon(second, 'wazuh-logcollector')];
	t.is(rate(l1, l2, 'logEvents'), 60);
	near(t, rate(l1, l2, 'logDrops'), 0.6);
	t.deepEqual([first.round, second.round], [1, 2]);
	// Only the fixed request, one per connection, nothing else ever written.
	for (const daemon of [analysisd, remoted, wdb]) {
		t.deepEqual(daemon.requests, [getstatsRequest, getstatsRequest]);
		t.is(daemon.accepted, 2);
	}

	t.true(Object.isFrozen(second) && Object.isFrozen(second.daemons) && Object.isFrozen(a2));
});

test('5.x manager: the engine over HTTP, remoted and wazuh-db with their 5.x shapes, under wazuh-manager-* names', async t => {
	const fake = fakeInstallation(t, 'manager-5', '5.0.1');
	let nowMs = uptime * 1000 + 60_000;
	const engine = await serveStats(t, fake.at('queue/sockets/analysis'), 'http', () => JSON.stringify(engineDump({
		uptimeMs: uptime * 1000, timestampMs: nowMs, received: nowMs / 2, processed: nowMs / 4, routerDropped: nowMs / 100, indexerDropped: nowMs / 1000, routerPercent: 12.5, indexerPercent: 50,
	})));
	const now = (): number => Math.floor(nowMs / 1000);
	await serveStats(t, fake.at('queue/sockets/remote'), 'framed', () => JSON.stringify(remotedGetstats('5', {uptime, timestamp: now(), events: now() * 3, discarded: 0, tcpSessions: 7, queued: 1024, queueSize: 4096})));
	await serveStats(t, fake.at('queue/db/wdb'), 'framed', () => JSON.stringify(wazuhDbGetstats('5', {uptime, timestamp: now(), queries: now(), executionMs: now() * 2})));
	const collector = new StatsCollector({installations: [fake.installation]});
	const first = await collector.roundNow();
	nowMs += 8000;
	const second = await collector.roundNow();
	t.deepEqual(second.daemons.map(each => [each.daemon, each.kind, each.source, each.format]), [
		['wazuh-manager-analysisd', 'analysisd', 'engine', '5'],
		['wazuh-manager-remoted', 'remoted', 'getstats', '5'],
		['wazuh-manager-db', 'wazuh-db', 'getstats', '5'],
	]);
	const [e1, e2] = [byDaemon(first, 'wazuh-manager-analysisd'), byDaemon(second, 'wazuh-manager-analysisd')];
	t.is(rate(e1, e2, 'eventsReceived'), 500);
	t.is(rate(e1, e2, 'eventsProcessed'), 250);
	t.is(rate(e1, e2, 'eventsDropped'), 11);
	t.deepEqual(e2.queues, {router: 0.125, indexer: 0.5});
	t.is(e2.started, uptime * 1000);
	t.is(rate(byDaemon(first, 'wazuh-manager-remoted'), byDaemon(second, 'wazuh-manager-remoted'), 'messagesReceived'), 3);
	t.is(byDaemon(second, 'wazuh-manager-remoted').queues.received, 0.25);
	near(t, rate(byDaemon(first, 'wazuh-manager-db'), byDaemon(second, 'wazuh-manager-db'), 'querySeconds'), 0.002);
	t.deepEqual(engine.requests, ['POST /metrics/dump {}', 'POST /metrics/dump {}']);
});

test('4.3 manager: the state files only (the sockets are not asked), analysisd\'s per-interval counts summed', async t => {
	const fake = fakeInstallation(t, 'manager-4', '4.3.11');
	const socket = await serveStats(t, fake.at('queue/sockets/analysis'), 'framed', () => 'err Unrecognized command');
	const write = (received: number, time: number): void => {
		fake.writeState('var/run/wazuh-analysisd.state', analysisdState('4.3', {received, processed: received, dropped: 0, usage: {processed: 0.5}}));
		fs.utimesSync(fake.at('var/run/wazuh-analysisd.state'), time, time);
		fake.writeState('var/run/wazuh-remoted.state', remotedState('4.3', {events: received * 2, discarded: 0, tcpSessions: 3, queued: 0, queueSize: 131_072}));
		fs.utimesSync(fake.at('var/run/wazuh-remoted.state'), time, time);
	};

	write(5000, uptime);
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-analysisd', 'wazuh-remoted', 'wazuh-db']});
	t.deepEqual(collector.daemons, ['wazuh-analysisd', 'wazuh-remoted'], 'no wazuh-db statistics before 4.4');
	const daemonsOf = (version: string): readonly string[] => new StatsCollector({installations: [{...fake.installation, version}]}).daemons;
	t.deepEqual(daemonsOf('4.1.5'), ['wazuh-analysisd', 'wazuh-remoted'], 'no logcollector state file before 4.2');
	t.deepEqual(daemonsOf(''), ['wazuh-analysisd', 'wazuh-remoted', 'wazuh-db', 'wazuh-logcollector'], 'an unknown version may have everything');
	const first = await collector.roundNow();
	write(6000, uptime + 5);
	const second = await collector.roundNow();
	const [a1, a2] = [byDaemon(first, 'wazuh-analysisd'), byDaemon(second, 'wazuh-analysisd')];
	t.deepEqual([a2.source, a2.format, a2.path], ['state-file', 'state-4.0', fake.at('var/run/wazuh-analysisd.state')]);
	t.is(a2.values.eventsReceived, 11_000);
	t.is(rate(a1, a2, 'eventsReceived'), 1200);
	t.is(a2.queues.processed, 0.5);
	t.is(rate(byDaemon(first, 'wazuh-remoted'), byDaemon(second, 'wazuh-remoted'), 'messagesReceived'), 400);
	t.is(socket.accepted, 0);
});

test('a socket answering plain text (4.0-4.3, version unknown): the state file instead, and the socket not asked again', async t => {
	const fake = fakeInstallation(t, 'manager-4', '');
	const socket = await serveStats(t, fake.at('queue/sockets/analysis'), 'framed', () => 'err Unrecognized command');
	fake.writeState('var/run/wazuh-analysisd.state', analysisdState('4.3', {received: 10, processed: 10, dropped: 0}));
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-analysisd', 'wazuh-db']});
	const first = await collector.roundNow();
	await collector.roundNow();
	t.like(byDaemon(first, 'wazuh-analysisd'), {up: true, source: 'state-file', format: 'state-4.0'});
	t.is(socket.accepted, 1);
	t.like(byDaemon(first, 'wazuh-db'), {up: false, source: 'getstats', problem: `no socket at ${fake.at('queue/db/wdb')} (is the daemon running?)`});
});

test('agent: agentd and logcollector from their files; `daemons` limits the sources', async t => {
	const fake = fakeInstallation(t, 'agent', '4.14.7');
	fake.writeState('var/run/wazuh-agentd.state', agentdState('4.2', {status: 'connected', sent: 500, buffered: 12}));
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-agentd']});
	const snapshot = await collector.roundNow();
	t.deepEqual(snapshot.daemons.map(each => each.daemon), ['wazuh-agentd']);
	t.deepEqual(snapshot.daemons[0]!.values, {agentConnected: 1, agentMessagesSent: 500, agentBuffered: 12});
	t.is(snapshot.daemons[0]!.time, fs.statSync(fake.at('var/run/wazuh-agentd.state')).mtimeMs);
	// logcollector writes its first state file a minute after it starts: none yet is waiting, not a failure.
	const everything = new StatsCollector({installations: [fake.installation]});
	const warnings: string[] = [];
	everything.on('warning', message => warnings.push(message));
	const all = await everything.roundNow();
	t.like(byDaemon(all, 'wazuh-logcollector'), {up: false, waiting: true, problem: `no state file at ${fake.at('var/run/wazuh-logcollector.state')}`});
	t.deepEqual(warnings, []);
});

test('a failing daemon is told once per episode: when it starts failing, again only after it recovered', async t => {
	const fake = fakeInstallation(t, 'manager-4', '4.14.7');
	const warnings: string[] = [];
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-db']});
	collector.on('warning', message => warnings.push(message));
	await collector.roundNow();
	await collector.roundNow();
	t.deepEqual(warnings, [`wazuh-db statistics: no socket at ${fake.at('queue/db/wdb')} (is the daemon running?)`]);
	const wdb = await serveStats(t, fake.at('queue/db/wdb'), 'framed', () => JSON.stringify(wazuhDbGetstats('4.14', {uptime, timestamp: uptime, queries: 1, executionMs: 1})));
	t.true((await collector.roundNow()).daemons[0]!.up);
	await wdb.close();
	await collector.roundNow();
	await collector.roundNow();
	t.is(warnings.length, 2);
	t.is(warnings[1], warnings[0]);
});

test('start() runs rounds on the interval, one at a time, numbered; stop() ends them', async t => {
	const fake = fakeInstallation(t, 'agent', '4.14.7');
	fake.writeState('var/run/wazuh-agentd.state', agentdState('4.2', {status: 'pending', sent: 0}));
	const collector = new StatsCollector({installations: [fake.installation], interval: 0.05, daemons: ['wazuh-agentd']});
	const rounds: number[] = [];
	collector.on('snapshot', snapshot => rounds.push(snapshot.round));
	collector.start();
	await until(() => rounds.length >= 3, 'three rounds');
	await collector.stop();
	const stopped = rounds.length;
	t.deepEqual(rounds, Array.from({length: stopped}, (_, index) => index + 1));
	t.is(collector.latest?.round, stopped);
	t.throws(() => new StatsCollector({installations: [], interval: 0}), {instanceOf: RangeError});
});
