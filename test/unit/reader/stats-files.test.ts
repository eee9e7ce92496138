import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readRecording} from '../../../source/reader/read-recording.js';
import {analysisd414, engineFixture, failed, remoted414, remoted5, remotedState43, wazuhdb414, wazuhdb5} from '../../helpers/stats-fixtures.js';
import {tmpSession, withCounters, writeProcessFile, writeStats} from '../../helpers/stats-recording.js';

/*
 * The statistics files read back as the real StatsRecorder writes them, from DaemonStats with
 * known counters: Wazuh QA's API and state-file CSVs (4.x) and monitor.py's stats-api files (5.x).
 */

const start = Date.UTC(2025, 7, 7, 8, 0, 0);
const started = start - 3_600_000;
const dropped = 'metrics.events.received_breakdown.dropped_breakdown';

/** analysisd414 with every drop 0 but syscheck's, and the given received and dropped counts. */
function analysisd(time: number, since: number, received: number, drops: number) {
	const base = analysisd414();
	const zeroed = Object.fromEntries(Object.keys(base.raw).filter(key => key.startsWith(dropped)).map(key => [key, 0]));
	return withCounters(base, time, since, {...zeroed, 'metrics.events.received': received, [`${dropped}.modules_breakdown.syscheck`]: drops});
}

test('4.x sockets: each daemon\'s figures, times and starts read back from Wazuh QA\'s API files; a restart kept as the daemon said it', t => {
	const folder = tmpSession(t);
	writeProcessFile(folder, 'wazuh-analysisd', start, 30, () => 50);
	// A restart at round 4: the counters start again, the start time moves.
	writeStats(folder, start, 5000, 6, round => {
		const time = start + (round * 5000);
		const since = round < 4 ? started : start + 19_000;
		const count = round < 4 ? 1000 * round : 100 * (round - 3);
		return [
			analysisd(time, since, count, round),
			withCounters(remoted414(), time, since, {'metrics.messages.received_breakdown.event': count * 2, 'metrics.queues.received.usage': 10 * round, 'metrics.queues.received.size': 100}),
			withCounters(wazuhdb414(), time, since, {'metrics.queries.received': count * 3, 'metrics.time.execution': count}),
		];
	});
	const recording = readRecording(folder);
	t.deepEqual(recording.problems, []);
	t.deepEqual(recording.stats?.map(entry => [entry.daemon, entry.kind, entry.files]), [
		['wazuh-analysisd', 'analysisd', [path.join('stats', 'wazuh-analysis_api_stats.csv')]],
		['wazuh-db', 'wazuh-db', [path.join('stats', 'wazuh-wazuhdb_api_stats.csv')]],
		['wazuh-remoted', 'remoted', [path.join('stats', 'wazuh-remote_api_stats.csv')]],
	]);
	const [analysis, db, remote] = recording.stats!;
	t.deepEqual(analysis!.rows.map(row => [row.time, row.values.eventsReceived, row.values.eventsDropped]), [
		[start, 0, 0], [start + 5000, 1000, 1], [start + 10_000, 2000, 2], [start + 15_000, 3000, 3], [start + 20_000, 100, 4], [start + 25_000, 200, 5],
	]);
	t.deepEqual(analysis!.rows.map(row => row.started), [started, started, started, started, start + 19_000, start + 19_000]);
	t.deepEqual(remote!.rows.map(row => [row.values.messagesReceived, row.queues.received]), [[0, 0], [2000, 0.1], [4000, 0.2], [6000, 0.3], [200, 0.4], [400, 0.5]]);
	t.deepEqual(db!.rows.map(row => [row.values.queries, row.values.querySeconds]), [[0, 0], [3000, 1], [6000, 2], [9000, 3], [300, 0.1], [600, 0.2]]);
	t.true(recording.stats!.every(entry => entry.rows.every(row => row.up && row.source === 'getstats')));
});

test('5.x: monitor.py\'s stats-api files of the engine, remoted and wazuh-db read back; a failed query is a row that is down', t => {
	const folder = tmpSession(t);
	writeProcessFile(folder, 'wazuh-manager-analysisd', start, 20, () => 10);
	writeStats(folder, start, 5000, 3, round => {
		const time = start + (round * 5000);
		const engine = engineFixture();
		return [
			{...engine, time, raw: {...engine.raw, timestamp: new Date(time).toISOString(), 'server.events.received': 500 * round, 'router.queue.usage.percent': 20 + round}},
			round === 1 ? failed(remoted5(), 'timed out') : withCounters(remoted5(), time, started, {'metrics.messages.received_breakdown.events': 70 * round}),
			withCounters(wazuhdb5(), time, started, {'metrics.queries.received': 9 * round}),
		];
	});
	const recording = readRecording(folder);
	t.deepEqual(recording.problems, []);
	const byDaemon = new Map(recording.stats?.map(entry => [entry.daemon, entry]));
	t.deepEqual([...byDaemon.keys()], ['wazuh-manager-analysisd', 'wazuh-manager-db', 'wazuh-manager-remoted']);
	const engine = byDaemon.get('wazuh-manager-analysisd')!;
	t.deepEqual(engine.rows.map(row => [row.time, row.values.eventsReceived, row.queues.router]), [[start, 0, 0.2], [start + 5000, 500, 0.21], [start + 10_000, 1000, 0.22]]);
	t.is(engine.rows[0]!.source, 'engine');
	t.deepEqual(byDaemon.get('wazuh-manager-remoted')!.rows.map(row => [row.up, row.problem, row.values.messagesReceived]), [[true, undefined, 0], [false, 'timed out', undefined], [true, undefined, 140]]);
	t.deepEqual(byDaemon.get('wazuh-manager-db')!.rows.map(row => row.values.queries), [0, 9, 18]);
});

test('a state file\'s CSV: remoted\'s figures and queue fill from Wazuh QA\'s state-file columns, at the row\'s local time', t => {
	const folder = tmpSession(t);
	writeProcessFile(folder, 'wazuh-remoted', start, 10, () => 5);
	writeStats(folder, start, 5000, 2, round => [{...remotedState43(), raw: {...remotedState43().raw, evt_count: 40 + round, queue_size: 5, total_queue_size: 20}}]);
	const [remoted] = readRecording(folder).stats ?? [];
	t.is(remoted?.daemon, 'wazuh-remoted');
	t.deepEqual(remoted?.rows.map(row => [row.time, row.source, row.values.messagesReceived, row.queues.received]), [[start, 'state-file', 40, 0.25], [start + 5000, 'state-file', 41, 0.25]]);
});

test('bad rows and a half-written line are left out and told; a linked statistics file is not followed', t => {
	const folder = tmpSession(t);
	writeProcessFile(folder, 'wazuh-analysisd', start, 10, () => 5);
	writeStats(folder, start, 5000, 2, round => [analysisd(start + (round * 5000), started, round * 10, 0)]);
	const file = path.join(folder, 'stats', 'wazuh-analysis_api_stats.csv');
	fs.appendFileSync(file, '2025-08-07 10:00:10,not a time,3600.0,1,2\nno,commas\n2025-08-07 10:00:15,2025-08-07T08:00:1');
	fs.writeFileSync(path.join(folder, 'elsewhere.csv'), 'x\n');
	fs.symlinkSync(path.join(folder, 'elsewhere.csv'), path.join(folder, 'stats', 'wazuh-remote_api_stats.csv'));
	const recording = readRecording(folder);
	t.deepEqual(recording.stats?.map(entry => entry.rows.map(row => row.values.eventsReceived)), [[0, 10]]);
	t.true(recording.problems.includes(path.join('stats', 'wazuh-analysis_api_stats.csv: 2 unreadable rows, left out')), recording.problems.join('\n'));
	t.true(recording.problems.includes(path.join('stats', 'wazuh-analysis_api_stats.csv: a half-written last line, left out')));
	t.true(recording.problems.includes(`${path.join('stats', 'wazuh-remote_api_stats.csv')}: a symbolic link, not followed`));
});
