import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {readRecording, RecordingError} from '../../../source/reader/read-recording.js';
import {buildReport} from '../../../source/report/build-report.js';
import {defaultThresholds} from '../../../source/report/thresholds.js';
import {sampleAt} from '../../helpers/recorded.js';

/*
 * The reader on folders written like the two other tools write theirs, by Python scripts that
 * mimic their writers (test/fixtures/recordings/*.py: csv module, the same header, units, time
 * formats and file names), with known values; and on the cases a live or hostile folder brings.
 */

const fixtures = path.resolve('test/fixtures/recordings');
const epoch = 1_764_000_000;
const kib = 1024;
const mib = 1024 * 1024;

function tmpFolder(t: {teardown: (fn: () => void) => void}): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-recfmt-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

function writeWith(script: string, folder: string, rows: number): void {
	execFileSync('python3', [path.join(fixtures, script), folder, String(epoch), String(rows)], {stdio: 'pipe'});
}

test('the Python original: format, roles, children, units to bytes, local seconds, its empty row, the columns it lacks', t => {
	const folder = tmpFolder(t);
	writeWith('python_original_writer.py', folder, 20);
	const recording = readRecording(folder);
	t.is(recording.format, 'python-original');
	t.deepEqual(recording.processes.map(process => [process.role, process.daemon, process.childIndex]), [
		['wazuh_apid.py', 'wazuh_apid.py', 0],
		['wazuh_apid.py_child_1', 'wazuh_apid.py', 1],
		['wazuh-analysisd', 'wazuh-analysisd', 0],
	]);
	const analysisd = recording.processes.find(process => process.role === 'wazuh-analysisd')!;
	t.is(analysisd.length, 20);
	t.deepEqual([...analysisd.times], Array.from({length: 20}, (_, second) => (epoch + second) * 1000));
	t.is(sampleAt(analysisd, 5).rss, (10 * mib) + (50 * kib));
	t.is(sampleAt(analysisd, 5).diskWritten, 5 * 8192);
	t.is(sampleAt(analysisd, 5).readOps, 500);
	t.is(sampleAt(analysisd, 5).threads, undefined);
	t.is(recording.wazuhVersion, undefined);
	t.is(recording.interval, 1);
	t.deepEqual([...recording.missingColumns].sort(), ['diskReadSpeed', 'diskWriteSpeed', 'threads']);
	t.deepEqual(recording.problems, ['wazuh_apid.csv: 1 row without a readable timestamp or PID, left out']);
});

test('a report on the Python original: the known slope, the child summed in, the restart counted', t => {
	const folder = tmpFolder(t);
	writeWith('python_original_writer.py', folder, 120);
	const report = buildReport(readRecording(folder), undefined, {...defaultThresholds, warmupSeconds: 0}, 'test');
	const analysisd = report.daemons.find(entry => entry.daemon === 'wazuh-analysisd')!;
	const rss = analysisd.trends.find(trend => trend.metric === 'rss')!;
	// 10 KiB a second is 36 000 KiB an hour: 35.15625 MiB/h, exactly on a line.
	t.true(Math.abs(rss.slopeMiBPerHour! - 35.156_25) < 1e-6, String(rss.slopeMiBPerHour));
	t.is(rss.verdict, 'growing');
	t.is(analysisd.total.cpu.mean, 15);
	const apid = report.daemons.find(entry => entry.daemon === 'wazuh_apid.py')!;
	t.is(apid.total.rss.mean, 50 * mib);
	t.is(apid.total.cpu.mean, 2);
	t.is(apid.memoryVerdict, 'stable');
	t.is(apid.roles.find(role => role.name === 'wazuh_apid.py_child_1')!.restarts, 1);
	t.is(apid.total.restarts, 0);
});

test('Wazuh 5 monitor.py: roles from file names, MiB and UTC read right, disk_usage.csv, its remoted statistics, missing columns', t => {
	const folder = tmpFolder(t);
	writeWith('wazuh5_monitor_writer.py', folder, 20);
	const recording = readRecording(folder);
	t.is(recording.format, 'wazuh5-monitor');
	t.deepEqual(recording.processes.map(process => [process.role, process.daemon, process.childIndex]), [
		['wazuh_manager_apid.py', 'wazuh_manager_apid.py', 0],
		['wazuh-manager-analysisd', 'wazuh-manager-analysisd', 0],
	]);
	const apid = recording.processes[0]!;
	t.is(sampleAt(apid, 0).time, epoch * 1000);
	t.is(sampleAt(apid, 0).rss, 100 * mib);
	t.is(sampleAt(apid, 3).diskWritten, 6000);
	t.is(sampleAt(apid, 3).cpuPercent, 3);
	t.is(sampleAt(apid, 3).uss, undefined);
	t.deepEqual([...recording.missingColumns].sort(), ['diskReadSpeed', 'diskWriteSpeed', 'pss', 'readOps', 'swap', 'uss', 'writeOps']);
	t.deepEqual(recording.disk.map(entry => [entry.path, entry.samples.length, entry.samples[2]!.size]), [['vd', 20, 11 * mib], ['wazuh_manager', 20, 500 * mib]]);
	t.deepEqual(recording.problems, []);
	// Its stats-api-remoted.csv: remoted's statistics, read from the reply it keeps whole.
	const [remoted] = recording.stats ?? [];
	t.is(remoted?.daemon, 'wazuh-manager-remoted');
	t.deepEqual(remoted?.rows.map(row => [row.up, row.time, row.values.messagesReceived]), [
		[true, epoch * 1000, 0], [true, (epoch + 5) * 1000, 200], [true, (epoch + 10) * 1000, 400], [true, (epoch + 15) * 1000, 600], [false, (epoch + 20) * 1000, undefined],
	]);
	t.deepEqual(remoted?.rows[0]!.queues, {received: 0.25});
});

test('a folder being written: a last line without its newline is left out and told, then read once complete', t => {
	const folder = tmpFolder(t);
	writeWith('python_original_writer.py', folder, 10);
	const file = path.join(folder, 'wazuh-analysisd.csv');
	const complete = 'wazuh-analysisd,,2025/11/24 16:00:10,1000,10.0,1.0,2.0,3.0,4.0,0.0,12,1,1,0.0,0.0\r\n';
	fs.appendFileSync(file, complete.slice(0, 30));
	const during = readRecording(folder);
	t.is(during.processes.find(process => process.role === 'wazuh-analysisd')!.length, 10);
	t.true(during.problems.includes('wazuh-analysisd.csv: a half-written last line, left out'), during.problems.join('; '));
	fs.appendFileSync(file, complete.slice(30));
	const after = readRecording(folder);
	t.is(after.processes.find(process => process.role === 'wazuh-analysisd')!.length, 11);
	t.false(after.problems.some(problem => problem.includes('half-written')));
});

test('links are never followed: a linked CSV is told and left out, a linked folder is refused', t => {
	const folder = tmpFolder(t);
	writeWith('python_original_writer.py', folder, 5);
	const elsewhere = tmpFolder(t);
	writeWith('wazuh5_monitor_writer.py', elsewhere, 5);
	fs.symlinkSync(path.join(elsewhere, 'wazuh-manager-analysisd.csv'), path.join(folder, 'planted.csv'));
	fs.symlinkSync(elsewhere, path.join(folder, 'files'));
	const recording = readRecording(folder);
	t.false(recording.processes.some(process => process.role.includes('manager')));
	t.true(recording.problems.includes('planted.csv: a symbolic link, not followed'), recording.problems.join('; '));
	t.true(recording.problems.includes('files: a symbolic link, not followed'), recording.problems.join('; '));
	t.is(recording.disk.length, 0);
	const link = path.join(tmpFolder(t), 'link');
	fs.symlinkSync(folder, link);
	t.throws(() => readRecording(link), {instanceOf: RecordingError, message: /symbolic link/});
});

test('a folder with no recording, and a missing one, are one-line errors', t => {
	const empty = tmpFolder(t);
	fs.writeFileSync(path.join(empty, 'notes.csv'), 'a,b\n1,2\n');
	t.throws(() => readRecording(empty), {instanceOf: RecordingError, message: /holds no CSV file of this tool/});
	t.throws(() => readRecording(path.join(empty, 'nope')), {instanceOf: RecordingError, message: /no such file or directory/});
});
