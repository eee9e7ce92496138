import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {type Fleet, readFakeStatus, startFleet} from '../helpers/fleet.js';
import {parseStat} from '../../source/procfs/parse-stat.js';
import {type CsvFile, type Finished, readCsv, scopeTo, sleep, startCli, waitFor} from '../helpers/cli.js';
import {seededRandom} from '../helpers/random.js';

/*
 * The headless recorder against real processes of the simulated manager. One recording of ~5 s
 * is shared by the assertions; restarts and kill -9 get recordings of their own, run serially.
 */

/** What the fleet looked like when the recording stopped (serial tests change it afterwards). */
type AtEnd = {fd: number; bytesWritten: number; startTimes: Map<number, number>};
type Context = {fleet: Fleet; folder: string; run: Finished; files: Map<string, CsvFile>; atEnd: AtEnd};
const test = anyTest as TestFn<Context>;

const megabyte = 1024 * 1024;
const expectedHeader = 'Daemon,Version,Timestamp,PID,CPU(%),VMS(KB),RSS(KB),USS(KB),PSS(KB),SWAP(KB),FD,Read_Ops,Write_Ops,Disk_Read(KB),Disk_Written(KB),Disk_Read_Speed(KB/s),Disk_Write_Speed(KB/s),Threads';

const fdCount = (pid: number): number => fs.readdirSync(`/proc/${pid}/fd`).length;
const startTimeOf = (pid: number): number => parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))!.startTime;
const readAll = (folder: string): Map<string, CsvFile> =>
	new Map(fs.readdirSync(folder).filter(name => name.endsWith('.csv')).map(name => [name, readCsv(path.join(folder, name))]));
const numbers = (file: CsvFile, column: string): number[] => file.rows.map(row => Number(row[column]));

test.before(async t => {
	const fleet = await startFleet({
		daemons: [
			{name: 'wazuh-analysisd', shape: {cpu: 0.3, memoryMb: 64, fds: 40, writeBytesPerSec: 256 * 1024}},
			{name: 'wazuh-db'},
			{name: 'wazuh-dbd'},
			// Idle but for its fds: nothing opens a file now and then, so its count is exact at any moment.
			{name: 'wazuh-logcollector', shape: {fds: 40}},
			{name: 'wazuh-modulesd', shape: {children: 3}},
			{name: 'wazuh_apid.py', shape: {children: 2}},
		],
	});
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-rec-'));
	const {child, finished} = startCli(['analysisd', 'db', 'logcollector', 'modulesd', 'apid', '--headless', '-s', '0.5', '-H', '1', '-v', '4.9.0', '--store-process', folder], scopeTo(fleet));
	// Twelve ticks recorded, however long a busy machine takes for them.
	await waitFor(() => {
		try {
			return readCsv(path.join(folder, 'wazuh-analysisd.csv')).rows.length >= 12 ? true : undefined;
		} catch {
			return undefined;
		}
	}, 60_000, '12 rows');
	const analysisd = fleet.pidOf('wazuh-analysisd')!;
	const fd = fdCount(fleet.pidOf('wazuh-logcollector')!);
	child.kill('SIGTERM');
	const run = await finished;
	const {bytesWritten} = (await readFakeStatus(fleet, analysisd))!;
	const files = readAll(folder);
	const pids = [...files.values()].flatMap(file => file.rows.map(row => Number(row.PID)));
	const startTimes = new Map(pids.filter(pid => fs.existsSync(`/proc/${pid}`)).map(pid => [pid, startTimeOf(pid)]));
	t.context = {fleet, folder, run, files, atEnd: {fd, bytesWritten, startTimes}};
});

test.after.always(async t => {
	await t.context.fleet?.stop();
});

test('SIGTERM ends the run with status 0 and says where the files are', t => {
	const {run, folder} = t.context;
	t.is(run.code, 0, run.stderr);
	t.true(run.stderr.includes(folder));
});

test('one file per role with the exact header', t => {
	const names = [...t.context.files.keys()].sort();
	t.deepEqual(names, [
		'wazuh-analysisd.csv',
		'wazuh-db.csv',
		'wazuh-logcollector.csv',
		'wazuh-modulesd.csv',
		'wazuh-modulesd_child_1.csv',
		'wazuh-modulesd_child_2.csv',
		'wazuh-modulesd_child_3.csv',
		'wazuh_apid.csv',
		'wazuh_apid_child_1.csv',
		'wazuh_apid_child_2.csv',
	]);
	for (const file of t.context.files.values()) {
		t.is(file.header.join(','), expectedHeader);
		t.true(file.rows.length >= 6, `only ${file.rows.length} rows`);
		t.is(file.rows[0]!.Version, '4.9.0');
	}
});

test('db is wazuh-db, never wazuh-dbd; the decoy is never matched', t => {
	const {fleet, files} = t.context;
	const pids = new Set([...files.values()].flatMap(file => file.rows.map(row => Number(row.PID))));
	t.deepEqual(new Set(numbers(files.get('wazuh-db.csv')!, 'PID')), new Set([fleet.pidOf('wazuh-db')]));
	t.false(pids.has(fleet.pidOf('wazuh-dbd')!));
	t.false(pids.has(fleet.decoyPid!));
});

test('rows of one tick share one timestamp, and every role has a row every tick', t => {
	const {files} = t.context;
	const analysisd = files.get('wazuh-analysisd.csv')!.rows.map(row => row.Timestamp ?? '');
	for (const [name, file] of files) {
		t.deepEqual(file.rows.map(row => row.Timestamp), analysisd, name);
	}

	for (const timestamp of analysisd) {
		// Below a second between samples, milliseconds: no two ticks share a timestamp.
		t.regex(timestamp, /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
	}
});

test('FD is exactly the number of fds the process holds', t => {
	const {files, atEnd} = t.context;
	const fds = numbers(files.get('wazuh-logcollector.csv')!, 'FD');
	// A count, not an estimate: every row, and 40 more than an idle fake of the same program.
	t.deepEqual(new Set(fds), new Set([atEnd.fd]));
	t.is(atEnd.fd - numbers(files.get('wazuh-db.csv')!, 'FD').at(-1)!, 40);
});

test('CPU% is real from the first row on: a burner above 0 from its first row, above an idle daemon', t => {
	const cpu = numbers(t.context.files.get('wazuh-analysisd.csv')!, 'CPU(%)');
	// Exact rates are checked on a fake /proc (monitor-tracker); here, that real readings flow.
	t.true(cpu[0]! > 0, `first CPU ${cpu[0]!} is not a placeholder 0`);
	t.true(cpu.every(value => value >= 0));
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
	const idle = numbers(t.context.files.get('wazuh-db.csv')!, 'CPU(%)');
	t.true(mean(cpu) > mean(idle), `burner ${mean(cpu)} vs idle ${mean(idle)}`);
});

test('RSS and USS show the memory the fake touched', t => {
	const {files} = t.context;
	const lastOf = (file: string, column: string): number => numbers(files.get(file)!, column).at(-1)! * 1024;
	// Same program, same Node baseline; analysisd touched 64 MB more than db.
	for (const column of ['RSS(KB)', 'USS(KB)', 'PSS(KB)']) {
		const extra = lastOf('wazuh-analysisd.csv', column) - lastOf('wazuh-db.csv', column);
		t.true(Math.abs(extra - (64 * megabyte)) < 0.1 * 64 * megabyte, `${column}: ${extra / megabyte} MB more`);
	}

	t.true(lastOf('wazuh-analysisd.csv', 'USS(KB)') <= lastOf('wazuh-analysisd.csv', 'RSS(KB)'));
});

test('bytes written match what the fake wrote', t => {
	const {files, atEnd} = t.context;
	const written = numbers(files.get('wazuh-analysisd.csv')!, 'Disk_Written(KB)').at(-1)! * 1024;
	// The status file lags by up to a second of writing (256 KB); the CSV's last row by one tick.
	t.true(written > 0, 'Disk_Written is counted');
	t.true(Math.abs(written - atEnd.bytesWritten) <= (512 * 1024) + (0.05 * atEnd.bytesWritten), `csv ${written} vs fake ${atEnd.bytesWritten}`);
	const speeds = numbers(files.get('wazuh-analysisd.csv')!, 'Disk_Write_Speed(KB/s)');
	t.true(speeds.every(speed => speed >= 0));
	t.true(speeds.some(speed => speed > 0), 'writes show as a rate');
});

test('children are named in order of start time', t => {
	const {files, atEnd} = t.context;
	for (const daemon of ['wazuh-modulesd', 'wazuh_apid']) {
		const starts = [1, 2, 3]
			.map(index => files.get(`${daemon}_child_${index}.csv`))
			.filter(file => file !== undefined)
			.map(file => atEnd.startTimes.get(Number(file.rows.at(-1)!.PID))!);
		t.true(starts.length >= 2);
		t.deepEqual(starts, [...starts].sort((a, b) => a - b), daemon);
	}

	t.is(files.get('wazuh_apid_child_1.csv')!.rows[0]!.Daemon, 'wazuh_apid.py_child_1');
});

test.serial('a restarted daemon is followed into the same file, and its children keep their names', async t => {
	const {fleet} = t.context;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-restart-'));
	const oldPid = fleet.pidOf('wazuh-modulesd')!;
	const {child, finished} = startCli(['modulesd', '--headless', '-s', '0.5', '-H', '5', '--store-process', folder], scopeTo(fleet));
	await waitFor(() => (fs.existsSync(path.join(folder, 'wazuh-modulesd_child_3.csv')) ? true : undefined), 60_000, 'first rows');
	const newPid = await fleet.restart('wazuh-modulesd');
	t.not(newPid, oldPid);
	await waitFor(() => (readCsv(path.join(folder, 'wazuh-modulesd.csv')).rows.some(row => Number(row.PID) === newPid) ? true : undefined), 60_000, 'rows of the new pid');
	// Until every child role has rows of its old and of its new process.
	const pidsOfChild = (index: number): number => {
		try {
			return new Set(readCsv(path.join(folder, `wazuh-modulesd_child_${index}.csv`)).rows.map(row => row.PID)).size;
		} catch {
			return 0;
		}
	};

	await waitFor(() => ([1, 2, 3].every(index => pidsOfChild(index) >= 2) ? true : undefined), 60_000, 'rows of the new children');
	child.kill('SIGTERM');
	const run = await finished;
	t.is(run.code, 0, run.stderr);
	const files = readAll(folder);
	t.deepEqual(new Set(numbers(files.get('wazuh-modulesd.csv')!, 'PID')), new Set([oldPid, newPid]));
	t.false(files.has('wazuh-modulesd_child_4.csv'), 'new children took the freed names');
	for (const index of [1, 2, 3]) {
		const pids = new Set(numbers(files.get(`wazuh-modulesd_child_${index}.csv`)!, 'PID'));
		t.is(pids.size, 2, `child ${index} has rows of its old and its new process`);
	}

	for (const file of files.values()) {
		t.is(file.rows.filter(row => row.PID === '' || row['RSS(KB)'] === '').length, 0, 'no blank rows');
	}
});

test.serial('kill -9 of the recorder leaves CSVs that a strict reader parses', async t => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-kill-'));
	const {child, finished} = startCli(['analysisd', 'modulesd', 'apid', '--headless', '-s', '0.1', '--store-process', folder], scopeTo(t.context.fleet));
	await waitFor(() => (fs.existsSync(path.join(folder, 'wazuh_apid_child_2.csv')) ? true : undefined), 60_000, 'first rows');
	const random = seededRandom();
	const pause = 1000 + random.int(300);
	t.log(`seed ${random.seed} (WAZUH_METRICS_TEST_SEED): kill after ${pause} ms of rows`);
	await sleep(pause);
	child.kill('SIGKILL');
	await finished;
	const files = readAll(folder);
	t.true(files.size >= 7);
	for (const [name, file] of files) {
		t.is(file.header.join(','), expectedHeader, name);
		t.true(file.rows.length > 0, name);
	}
});
