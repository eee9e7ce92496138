import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {parse} from 'csv-parse/sync';
import {Recorder, type RecorderOptions} from '../../../source/recorder/recorder.js';
import {diskSample, diskSnapshot, processSample, snapshot} from '../../helpers/snapshots.js';

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-recorder-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

function recorder(t: ExecutionContext, options: Partial<RecorderOptions> = {}): {recorder: Recorder; folder: string} {
	const folder = options.processFolder ?? path.join(temporaryFolder(t), 'session');
	return {
		recorder: new Recorder({processFolder: folder, diskFolder: path.join(folder, 'files'), unit: 'KB', diskUnit: 'GB', ...options}),
		folder,
	};
}

/** Parsed strictly (a half line fails on record length) into objects keyed by header. */
function read(file: string): {header: string[]; rows: Array<Record<string, string>>} {
	const records = parse(fs.readFileSync(file, 'utf8'));
	const header = records[0]!;
	const rows = records.slice(1).map(record => Object.fromEntries(header.map((name, index) => [name, record[index]!])));
	return {header, rows};
}

const processHeader = (unit: string): string =>
	`Daemon,Version,Timestamp,PID,CPU(%),VMS(${unit}),RSS(${unit}),USS(${unit}),PSS(${unit}),SWAP(${unit}),FD,Read_Ops,Write_Ops,Disk_Read(${unit}),Disk_Written(${unit}),Disk_Read_Speed(${unit}/s),Disk_Write_Speed(${unit}/s),Threads`;

for (const unit of ['B', 'KB', 'MB'] as const) {
	test(`process header in ${unit}`, t => {
		const {recorder: r, folder} = recorder(t, {unit});
		r.writeSnapshot(snapshot([processSample()]));
		r.close();
		const text = fs.readFileSync(path.join(folder, 'wazuh-analysisd.csv'), 'utf8');
		t.is(text.split('\n')[0], processHeader(unit));
	});
}

test('the exact KB header of the spec', t => {
	t.is(processHeader('KB'), 'Daemon,Version,Timestamp,PID,CPU(%),VMS(KB),RSS(KB),USS(KB),PSS(KB),SWAP(KB),FD,Read_Ops,Write_Ops,Disk_Read(KB),Disk_Written(KB),Disk_Read_Speed(KB/s),Disk_Write_Speed(KB/s),Threads');
});

test('values are converted to the unit and rounded to 2 decimals; unreadable ones are empty', t => {
	const sample = processSample({rss: 1536, uss: undefined, swap: undefined, cpuPercent: 33.333_33, diskReadSpeed: 1536, fd: undefined});
	const rows: Record<string, Record<string, string>> = {};
	for (const unit of ['B', 'KB', 'MB'] as const) {
		const {recorder: r, folder} = recorder(t, {unit});
		r.writeSnapshot(snapshot([sample], {version: '4.9.1'}));
		r.close();
		rows[unit] = read(path.join(folder, 'wazuh-analysisd.csv')).rows[0]!;
	}

	t.is(rows.B!['RSS(B)'], '1536');
	t.is(rows.KB!['RSS(KB)'], '1.5');
	t.is(rows.MB!['RSS(MB)'], '0');
	t.is(rows.KB!['Disk_Read_Speed(KB/s)'], '1.5');
	t.is(rows.KB!['CPU(%)'], '33.33');
	t.is(rows.KB!['USS(KB)'], '');
	t.is(rows.KB!['SWAP(KB)'], '');
	t.is(rows.KB!.FD, '');
	t.is(rows.KB!.Version, '4.9.1');
	t.is(rows.KB!.PID, '1000');
});

test('one file per role, .py removed; every row of a tick has the tick timestamp and version', t => {
	const {recorder: r, folder} = recorder(t);
	const time = new Date(2024, 2, 4, 5, 6, 7).getTime();
	r.writeSnapshot(snapshot([
		processSample({role: 'wazuh-analysisd', pid: 10}),
		processSample({role: 'wazuh_apid.py', pid: 20}),
		processSample({role: 'wazuh_apid.py_child_1', pid: 21}),
		processSample({role: 'wazuh_apid.py_child_2', pid: 22}),
	], {time, version: '4.8.0'}));
	r.close();
	t.deepEqual(fs.readdirSync(folder).sort(), ['wazuh-analysisd.csv', 'wazuh_apid.csv', 'wazuh_apid_child_1.csv', 'wazuh_apid_child_2.csv']);
	const child = read(path.join(folder, 'wazuh_apid_child_1.csv')).rows;
	t.deepEqual(child.map(row => [row.Daemon, row.PID, row.Timestamp, row.Version]), [['wazuh_apid.py_child_1', '21', '2024/03/04 05:06:07', '4.8.0']]);
	t.is(r.status().rowsWritten, 4);
	t.is(r.status().files.length, 4);
});

test('a role whose PID changes (a restart) continues in the same file', t => {
	const {recorder: r, folder} = recorder(t);
	r.writeSnapshot(snapshot([processSample({role: 'wazuh-db', pid: 100})], {tick: 1}));
	// Tick 2: the daemon is down, no row.
	r.writeSnapshot(snapshot([], {tick: 2}));
	r.writeSnapshot(snapshot([processSample({role: 'wazuh-db', pid: 200})], {tick: 3}));
	r.close();
	t.deepEqual(fs.readdirSync(folder), ['wazuh-db.csv']);
	t.deepEqual(read(path.join(folder, 'wazuh-db.csv')).rows.map(row => row.PID), ['100', '200']);
});

test('a second recorder on the same folder appends without a second header', t => {
	const folder = path.join(temporaryFolder(t), 'kept');
	const first = recorder(t, {processFolder: folder}).recorder;
	first.writeSnapshot(snapshot([processSample({pid: 1})]));
	first.close();
	const second = recorder(t, {processFolder: folder}).recorder;
	second.writeSnapshot(snapshot([processSample({pid: 2})]));
	second.close();
	const text = fs.readFileSync(path.join(folder, 'wazuh-analysisd.csv'), 'utf8');
	t.is(text.split('\n').filter(line => line.startsWith('Daemon,')).length, 1);
	t.deepEqual(read(path.join(folder, 'wazuh-analysisd.csv')).rows.map(row => row.PID), ['1', '2']);
});

test('a recording in another unit is not appended under the old header: it gets its own file', t => {
	const folder = path.join(temporaryFolder(t), 'units');
	const kb = recorder(t, {processFolder: folder, unit: 'KB'}).recorder;
	kb.writeSnapshot(snapshot([processSample()]));
	kb.close();
	const mb = recorder(t, {processFolder: folder, unit: 'MB'}).recorder;
	mb.writeSnapshot(snapshot([processSample()]));
	mb.close();
	t.is(read(path.join(folder, 'wazuh-analysisd.csv')).header[6], 'RSS(KB)');
	t.is(read(path.join(folder, 'wazuh-analysisd_2.csv')).header[6], 'RSS(MB)');
	t.is(read(path.join(folder, 'wazuh-analysisd.csv')).rows.length, 1);
});

test('names and versions with commas, quotes, newlines and unicode are read back exactly', t => {
	const {recorder: r, folder} = recorder(t);
	const name = 'odd, "name"\nwith ünïcødé ✓';
	const version = 'v4.9.0, "rc1"\r\nbuild 日本';
	r.writeSnapshot(snapshot([processSample({role: name})], {version}));
	r.close();
	const files = fs.readdirSync(folder);
	t.deepEqual(files, ['odd, "name"_with ünïcødé ✓.csv']);
	const {rows} = read(path.join(folder, files[0]!));
	t.is(rows[0]!.Daemon, name);
	t.is(rows[0]!.Version, version);
});

test('a role name with path separators cannot leave the folder', t => {
	const {recorder: r, folder} = recorder(t);
	r.writeSnapshot(snapshot([processSample({role: '../../escape'}), processSample({role: '/etc/passwd'}), processSample({role: ''})]));
	r.close();
	t.deepEqual(fs.readdirSync(folder).sort(), ['.._.._escape.csv', '_.csv', '_etc_passwd.csv']);
	t.false(fs.existsSync(path.join(folder, '..', '..', 'escape.csv')));
});

test('disk files: basename with dots replaced; same basenames get distinct files, fixed at first appearance', t => {
	const {recorder: r, folder} = recorder(t);
	const diskFolder = path.join(folder, 'files');
	const first = diskSample({path: '/var/ossec/logs/archives/archives.json', size: 2 * 1024 ** 3});
	const second = diskSample({path: '/other/archives.json', size: 1024 ** 3});
	r.writeDiskSnapshot(diskSnapshot([first, second], {tick: 1}));
	// Later ticks list them in the other order; each path keeps its file.
	r.writeDiskSnapshot(diskSnapshot([second, first], {tick: 2}));
	r.writeDiskSnapshot(diskSnapshot([diskSample({path: '/x/archives_json'})], {tick: 3}));
	r.close();
	t.deepEqual(fs.readdirSync(diskFolder).sort(), ['archives_json.csv', 'archives_json_2.csv', 'archives_json_3.csv']);
	const firstFile = read(path.join(diskFolder, 'archives_json.csv'));
	t.is(firstFile.header.join(','), 'File,Timestamp,Path,Size(GB),Usage(%),Mod_time,Acc_time,Creat_time');
	t.deepEqual(firstFile.rows.map(row => [row.File, row.Path, row['Size(GB)']]), [
		['archives.json', '/var/ossec/logs/archives/archives.json', '2'],
		['archives.json', '/var/ossec/logs/archives/archives.json', '2'],
	]);
	t.deepEqual(read(path.join(diskFolder, 'archives_json_2.csv')).rows.map(row => row.Path), ['/other/archives.json', '/other/archives.json']);
	t.deepEqual(read(path.join(diskFolder, 'archives_json_3.csv')).rows.map(row => row.Path), ['/x/archives_json']);
});

test('a missing disk path writes no row, and the disk folder appears only with the first disk row', t => {
	const {recorder: r, folder} = recorder(t);
	const diskFolder = path.join(folder, 'files');
	r.writeSnapshot(snapshot([processSample()]));
	t.false(fs.existsSync(diskFolder));
	const missing = diskSample({path: '/var/log/app.log', exists: false, size: undefined, usagePercent: undefined, mtime: undefined, atime: undefined, ctime: undefined});
	r.writeDiskSnapshot(diskSnapshot([missing], {tick: 1}));
	t.false(fs.existsSync(diskFolder));
	r.writeDiskSnapshot(diskSnapshot([diskSample({path: '/var/log/app.log'})], {tick: 2}));
	r.writeDiskSnapshot(diskSnapshot([missing], {tick: 3}));
	r.close();
	t.deepEqual(read(path.join(diskFolder, 'app_log.csv')).rows.length, 1);
});

test('a directory still being measured writes no row until its first walk completes', t => {
	const {recorder: r, folder} = recorder(t);
	const measuring = diskSample({path: '/var/ossec/queue', isDirectory: true, size: undefined, usagePercent: undefined, problem: 'measuring'});
	r.writeDiskSnapshot(diskSnapshot([measuring], {tick: 1}));
	r.writeDiskSnapshot(diskSnapshot([diskSample({path: '/var/ossec/queue', isDirectory: true, size: 1024 ** 3})], {tick: 2}));
	r.close();
	t.deepEqual(read(path.join(folder, 'files', 'queue.csv')).rows.map(row => row['Size(GB)']), ['1']);
});

test('no file and no folder before the first row', t => {
	const {recorder: r, folder} = recorder(t);
	r.writeSnapshot(snapshot([]));
	r.close();
	t.false(fs.existsSync(folder));
	t.deepEqual(r.status().files, []);
});

test('a full disk is reported in status, rows wait, and land when space returns', t => {
	let full = true;
	const {recorder: r, folder} = recorder(t, {openFile: target => fs.openSync(full ? '/dev/full' : target, 'a')});
	r.writeSnapshot(snapshot([processSample({role: 'wazuh-db', pid: 1}), processSample({role: 'wazuh-remoted'})], {tick: 1}));
	r.writeSnapshot(snapshot([processSample({role: 'wazuh-db', pid: 2})], {tick: 2}));
	let status = r.status();
	t.is(status.error, 'wazuh-db.csv: no space left on device (ENOSPC)');
	t.is(status.pendingRows, 3);
	t.is(status.rowsWritten, 0);

	full = false;
	// wazuh-remoted has no row this tick; its waiting row is retried all the same.
	r.writeSnapshot(snapshot([processSample({role: 'wazuh-db', pid: 3})], {tick: 3}));
	status = r.status();
	t.is(status.error, undefined);
	t.false('error' in status);
	t.is(status.pendingRows, 0);
	t.is(status.rowsWritten, 4);
	t.is(status.lostRows, 0);
	r.close();
	t.deepEqual(read(path.join(folder, 'wazuh-db.csv')).rows.map(row => row.PID), ['1', '2', '3']);
	t.is(read(path.join(folder, 'wazuh-remoted.csv')).rows.length, 1);
});

test('status names the folders and files; snapshots after close are ignored', t => {
	const {recorder: r, folder} = recorder(t);
	r.writeSnapshot(snapshot([processSample()]));
	r.writeDiskSnapshot(diskSnapshot([diskSample({path: '/a/b.log'})]));
	r.close();
	r.writeSnapshot(snapshot([processSample()]));
	t.deepEqual(r.status(), {
		folder,
		diskFolder: path.join(folder, 'files'),
		files: [path.join(folder, 'wazuh-analysisd.csv'), path.join(folder, 'files', 'b_log.csv')],
		rowsWritten: 2,
		pendingRows: 0,
		lostRows: 0,
	});
	t.is(read(path.join(folder, 'wazuh-analysisd.csv')).rows.length, 1);
});
