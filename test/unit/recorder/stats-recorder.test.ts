import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {parse} from 'csv-parse/sync';
import type {DaemonStats} from '../../../source/model/daemon-stats.js';
import {monitorAnalysisdHeader} from '../../../source/recorder/stats-monitor5.js';
import {monitorRemotedHeader, monitorWazuhdbHeader} from '../../../source/recorder/stats-monitor5-getstats.js';
import {qaAnalysisApiHeader} from '../../../source/recorder/stats-qa-analysis.js';
import {qaRemoteApiHeader} from '../../../source/recorder/stats-qa-remote.js';
import {qaWazuhdbApiHeader} from '../../../source/recorder/stats-qa-wazuhdb.js';
import {defaultStatsFolder, StatsRecorder, type StatsRecorderOptions} from '../../../source/recorder/stats-recorder.js';
import {
	agentdState, analysisd414, analysisdState43, engineFixture, failed, later, logcollectorFixture, remoted414, remoted5,
	remotedState43, statsSnapshot, wazuhdb414, wazuhdb5,
} from '../../helpers/stats-fixtures.js';

const start = Date.UTC(2025, 7, 7, 8, 0, 3);

function folderFor(t: ExecutionContext): string {
	const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-stats-'));
	t.teardown(() => {
		fs.rmSync(parent, {recursive: true, force: true});
	});
	return defaultStatsFolder(parent);
}

function recorderIn(t: ExecutionContext, folder: string, options: Partial<StatsRecorderOptions> = {}): StatsRecorder {
	const recorder = new StatsRecorder({folder, ...options});
	t.teardown(() => {
		recorder.close();
	});
	return recorder;
}

/** Three rounds 5 s apart of the daemons, each figure grown by 10 per round. */
function rounds(recorder: StatsRecorder, daemons: readonly DaemonStats[], count: number, first = 1): void {
	for (let index = 0; index < count; index++) {
		const round = first + index;
		const ms = (round - 1) * 5000;
		recorder.writeSnapshot(statsSnapshot(round, start + ms, daemons.map(daemon => later(daemon, ms, (round - 1) * 10))));
	}
}

/** Strictly parsed records: a repeated header or a torn line shows up as an extra or short record. */
const records = (file: string): string[][] => parse(fs.readFileSync(file), {relax_column_count: false});

test('a 4.x manager, its 4.3 state files, an agent and a 5.x manager: each format in its file, in the stats folder', t => {
	const folder = folderFor(t);
	t.true(folder.endsWith(`${path.sep}stats`));
	const recorder = recorderIn(t, folder);
	rounds(recorder, [analysisd414(), remoted414(), wazuhdb414(), analysisdState43(), remotedState43(), agentdState(), logcollectorFixture(), engineFixture(), remoted5(), wazuhdb5()], 1);
	recorder.close();
	t.deepEqual(fs.readdirSync(folder).sort(), [
		'journald.csv', 'stats-api-analysisd.csv', 'stats-api-remoted.csv', 'stats-api-wazuhdb.csv', 'syslog.csv',
		'wazuh-analysis_api_stats.csv', 'wazuh-remote_api_stats.csv', 'wazuh-wazuh-agentd_stats.csv',
		'wazuh-wazuh-analysisd_stats.csv', 'wazuh-wazuh-remoted_stats.csv', 'wazuh-wazuhdb_api_stats.csv',
	]);
	t.is((fs.statSync(folder).mode & 0o777), 0o700);
	t.is(recorder.status().rowsWritten, 11);
});

test('rounds append under one header, across recorders on the same folder; every record as wide as its header', t => {
	const folder = folderFor(t);
	const daemons = [analysisd414(), remoted414(), wazuhdb414(), engineFixture(), remoted5(), wazuhdb5()];
	const first = recorderIn(t, folder);
	rounds(first, daemons, 2);
	first.close();
	const second = recorderIn(t, folder);
	rounds(second, daemons, 1, 3);
	second.close();

	const expected: Array<[string, readonly string[]]> = [
		['wazuh-analysis_api_stats.csv', qaAnalysisApiHeader],
		['wazuh-remote_api_stats.csv', qaRemoteApiHeader],
		['wazuh-wazuhdb_api_stats.csv', qaWazuhdbApiHeader],
		['stats-api-analysisd.csv', monitorAnalysisdHeader],
		['stats-api-remoted.csv', monitorRemotedHeader],
		['stats-api-wazuhdb.csv', monitorWazuhdbHeader],
	];
	for (const [name, header] of expected) {
		const [head, ...rows] = records(path.join(folder, name));
		t.deepEqual(head, [...header], name);
		t.is(rows.length, 3, name);
		t.true(rows.every(row => row.length === header.length), name);
	}

	// Values at known counters, round by round: cumulative as reported (grown by 10 a round).
	const analysis = records(path.join(folder, 'wazuh-analysis_api_stats.csv')).slice(1);
	const received = qaAnalysisApiHeader.indexOf('Events received');
	t.deepEqual(analysis.map(row => row[received]), ['1026450', '1026460', '1026470']);
	t.deepEqual(analysis.map(row => row[2]), ['3600.0', '3605.0', '3610.0']);
	// The second recorder starts its own elapsed_s at 0, as a new monitor.py run does.
	const engine = records(path.join(folder, 'stats-api-analysisd.csv')).slice(1);
	t.deepEqual(engine.map(row => row[1]), ['0.0', '5.0', '0.0']);
	t.deepEqual(engine.map(row => row[0]), ['2025-08-07T08:00:03Z', '2025-08-07T08:00:08Z', '2025-08-07T08:00:13Z']);
});

test('monitor.py\'s files end every line in CRLF and quote the JSON; Wazuh QA\'s end in LF with nothing quoted', t => {
	const folder = folderFor(t);
	const recorder = recorderIn(t, folder);
	rounds(recorder, [remoted414(), engineFixture(), remoted5()], 2);
	recorder.close();
	const monitorText = fs.readFileSync(path.join(folder, 'stats-api-remoted.csv'), 'utf8');
	t.is(monitorText.split('\r\n').length, 4, 'header, two rows, then nothing');
	t.false(/[^\r]\n/.test(monitorText));
	const [, row] = records(path.join(folder, 'stats-api-remoted.csv'));
	const reply = JSON.parse(row!.at(-1)!) as {data: {metrics: {bytes: {received: number}}}};
	t.is(reply.data.metrics.bytes.received, 512_345_678);
	const qaText = fs.readFileSync(path.join(folder, 'wazuh-remote_api_stats.csv'), 'utf8');
	t.false(qaText.includes('\r'));
	t.false(qaText.includes('"'));
	t.is(qaText.split('\n').length, 4);
});

test('a failed read: no row in Wazuh QA\'s files (a gap, as its tools leave), a query_ok 0 row in monitor.py\'s', t => {
	const folder = folderFor(t);
	const recorder = recorderIn(t, folder);
	recorder.writeSnapshot(statsSnapshot(1, start, [analysisd414(), engineFixture(), remoted5()]));
	const remotedDown = failed({...remoted5(), format: ''}, 'connect ENOENT /var/wazuh-manager/queue/sockets/remote');
	recorder.writeSnapshot(statsSnapshot(2, start + 5000, [failed(analysisd414(), 'timed out after 2 s'), failed(engineFixture(), 'timed out after 5 s'), remotedDown]));
	recorder.close();
	t.is(records(path.join(folder, 'wazuh-analysis_api_stats.csv')).length, 2);
	const engine = records(path.join(folder, 'stats-api-analysisd.csv'));
	t.deepEqual(engine[2]!.slice(0, 4), ['2025-08-07T08:00:08Z', '5.0', '0', 'timed out after 5 s']);
	t.true(engine[2]!.slice(4).every(value => value === ''));
	// Known as 5.x by its process name though no reply told the format.
	const remoted = records(path.join(folder, 'stats-api-remoted.csv'));
	t.deepEqual(remoted[2]!.slice(2, 4), ['0', 'connect ENOENT /var/wazuh-manager/queue/sockets/remote']);
});

test('a file that cannot be written keeps its rows in memory and writes them, in order, once it can', t => {
	const folder = folderFor(t);
	let full = true;
	const recorder = recorderIn(t, folder, {openFile: target => fs.openSync(full ? '/dev/full' : target, 'a')});
	rounds(recorder, [remoted414(), engineFixture()], 2);
	let status = recorder.status();
	t.is(status.error, 'wazuh-remote_api_stats.csv: no space left on device (ENOSPC)');
	t.is(status.pendingRows, 4);
	t.is(status.rowsWritten, 0);
	full = false;
	// The engine is absent this round: its file's waiting rows are retried all the same.
	rounds(recorder, [remoted414()], 1, 3);
	status = recorder.status();
	t.is(status.error, undefined);
	t.is(status.pendingRows, 0);
	t.is(status.rowsWritten, 5);
	const remote = records(path.join(folder, 'wazuh-remote_api_stats.csv'));
	t.deepEqual(remote.slice(1).map(row => row[2]), ['3610.0', '3615.0', '3620.0']);
	t.is(records(path.join(folder, 'stats-api-analysisd.csv')).length, 3);
});

test('a file of the same name with other columns is left alone; the rows go to <name>_2.csv', t => {
	const folder = folderFor(t);
	fs.mkdirSync(folder, {mode: 0o700});
	const foreign = path.join(folder, 'wazuh-remote_api_stats.csv');
	fs.writeFileSync(foreign, 'Timestamp,Something else\n2025-08-07 10:00:00,1\n');
	const recorder = recorderIn(t, folder);
	rounds(recorder, [remoted414()], 1);
	recorder.close();
	t.is(fs.readFileSync(foreign, 'utf8'), 'Timestamp,Something else\n2025-08-07 10:00:00,1\n');
	t.deepEqual(records(path.join(folder, 'wazuh-remote_api_stats_2.csv'))[0], [...qaRemoteApiHeader]);
});

test('the widest header (5.x wazuh-db, over 4 KB) is compared whole: one differing only near its end is another format', t => {
	const folder = folderFor(t);
	fs.mkdirSync(folder, {mode: 0o700});
	const header = monitorWazuhdbHeader.join(',');
	t.true(header.length > 4096);
	const other = `${monitorWazuhdbHeader.slice(0, -2).join(',')},a_later_leaf,raw_response_json\r\n`;
	fs.writeFileSync(path.join(folder, 'stats-api-wazuhdb.csv'), other);
	const recorder = recorderIn(t, folder);
	rounds(recorder, [wazuhdb5()], 1);
	recorder.close();
	t.is(fs.readFileSync(path.join(folder, 'stats-api-wazuhdb.csv'), 'utf8'), other);
	t.is(records(path.join(folder, 'stats-api-wazuhdb_2.csv'))[0]!.join(','), header);
});

test('nothing is written after close, and the folder is only created by a first row', t => {
	const folder = folderFor(t);
	const recorder = recorderIn(t, folder);
	recorder.writeSnapshot(statsSnapshot(1, start, [failed(analysisd414(), 'refused')]));
	t.false(fs.existsSync(folder));
	recorder.close();
	recorder.writeSnapshot(statsSnapshot(2, start, [analysisd414()]));
	t.false(fs.existsSync(folder));
	t.deepEqual(recorder.status().files, []);
});
