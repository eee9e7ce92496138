import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {Monitor} from '../../source/collect/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {parseStat} from '../../source/procfs/parse-stat.js';
import {type CsvFile, type Finished, readCsv, startCli, waitFor} from '../helpers/cli.js';
import {childrenOf, killGroup, procView, statOf} from '../helpers/harden.js';

/*
 * Strange names: children of a fake wazuh-integratord whose comm and argv hold spaces, `)`, commas,
 * quotes, a newline, unicode and more than 15 bytes; and --disk paths with the same characters.
 */

type Child = {pid: number; name: string; argv0: string; startTime: number};
type Context = {
	dir: string;
	daemon: ChildProcess;
	daemonPid: number;
	view: string;
	/** In the order the monitor must number them: start time, then PID. */
	children: Child[];
	diskPaths: string[];
	store: string;
	run: Finished;
	recordingError: string | undefined;
	files: Map<string, CsvFile>;
	diskFiles: Map<string, CsvFile>;
};
const test = anyTest as TestFn<Context>;

const daemonName = 'wazuh-integratord';
/** Each becomes a symlink to sleep, so the kernel's comm is (the first 15 bytes of) this name. */
const childNames = [
	'with space',
	'paren) R 1 1 1 1',
	'comma,and,more',
	'quote"and\'apostrophe',
	'new\nline',
	'ünïcødé-日本語-名前',
	'longer-than-fifteen-characters',
	// Named like its daemon: it is still a child, not a second daemon.
	daemonName,
];

/** The kernel keeps 15 bytes of comm, cutting a multi-byte character if need be. */
const kernelComm = (name: string): string => Buffer.from(name).subarray(0, 15).toString('utf8');

/** Started as the fake daemon (node through a symlink named wazuh-integratord): starts each child, then idles. */
const daemonProgram = `
const {spawn} = require('node:child_process');
const children = JSON.parse(process.argv[2]);
let index = 0;
const next = () => {
	if (index === children.length) {
		process.stdout.write('ready\\n');
		return;
	}
	const [file, argv0] = children[index++];
	spawn(file, ['300'], {argv0, stdio: 'ignore'});
	// Apart by more than a clock tick (10 ms), so start times order the children.
	setTimeout(next, 30);
};
next();
setInterval(() => {}, 60_000);
`;

test.before(async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-names-'));
	t.context = {dir} as Context;
	const bin = path.join(dir, 'bin');
	fs.mkdirSync(bin);
	fs.symlinkSync(process.execPath, path.join(bin, daemonName));
	const program = path.join(dir, 'daemon.cjs');
	fs.writeFileSync(program, daemonProgram);
	const launches = childNames.map((name, index) => {
		const link = path.join(bin, `${index}`, name);
		fs.mkdirSync(path.dirname(link));
		fs.symlinkSync('/bin/sleep', link);
		return [link, `${name} ✓ argv0, "q"\n) S 1`];
	});
	const daemon = spawn(path.join(bin, daemonName), [program, JSON.stringify(launches)], {stdio: ['ignore', 'pipe', 'inherit'], detached: true});
	t.context.daemon = daemon;
	await new Promise<void>((resolve, reject) => {
		daemon.stdout.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('ready')) {
				resolve();
			}
		});
		daemon.on('error', reject);
		daemon.on('exit', code => reject(new Error(`fake daemon exited (${code})`)));
	});
	const daemonPid = daemon.pid!;
	// Which child is which: its argv[0] (cmdline) says.
	const named: Child[] = childrenOf(daemonPid).map(pid => {
		const {startTime} = statOf(pid)!;
		const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!;
		const name = childNames.find(candidate => argv0.startsWith(`${candidate} ✓`))!;
		return {pid, startTime, name, argv0};
	}).sort((a, b) => a.startTime - b.startTime || a.pid - b.pid);
	const view = procView(path.join(dir, 'proc'), [daemonPid, ...named.map(child => child.pid)]);

	const disk = path.join(dir, 'disk');
	const diskPaths = [
		'a,b.log',
		'say "hi".txt',
		'two words.txt',
		'new\nline.txt',
		// Sanitized like the one above (newline -> _): the two must not share a CSV.
		'new_line.txt',
		'ünïcødé 日本.log',
		'dir, "quoted"\nname',
		path.join('sub', 'a,b.log'),
	].map(relative => path.join(disk, relative));
	fs.mkdirSync(path.join(disk, 'sub'), {recursive: true});
	for (const file of diskPaths) {
		if (file.endsWith('name')) {
			fs.mkdirSync(file);
			fs.writeFileSync(path.join(file, 'inside'), 'x'.repeat(3000));
		} else {
			fs.writeFileSync(file, 'y'.repeat(1000 + diskPaths.indexOf(file)));
		}
	}

	const store = path.join(dir, 'store');
	const {child, finished} = startCli(
		['integratord', '--match-by-name', '--headless', '-s', '0.2', '-H', '1', '--disk-unit', 'KB', '--disk', ...diskPaths, '--store-process', store],
		{hooks: {procRoot: view, stateRoot: path.join(dir, 'process_metrics')}},
	);
	const diskFolder = path.join(store, 'files');
	const csvIn = (folder: string): string[] => fs.existsSync(folder) ? fs.readdirSync(folder).filter(name => name.endsWith('.csv')) : [];
	// Rows as a real CSV reader counts them (a quoted newline is not a row); none while a row is half written.
	const rowsIn = (file: string): number => {
		try {
			return readCsv(file).rows.length;
		} catch {
			return 0;
		}
	};

	let recordingError: string | undefined;
	try {
		await waitFor(() => {
			const process = csvIn(store);
			const disks = csvIn(diskFolder);
			return process.length === 1 + childNames.length && disks.length === diskPaths.length
				&& [...process.map(name => path.join(store, name)), ...disks.map(name => path.join(diskFolder, name))]
					.every(file => rowsIn(file) >= 3) ? true : undefined;
		}, 60_000, 'three rows in every process and disk file');
	} catch (error) {
		// Reported by the recording tests; the Monitor and parser tests do not need the CLI.
		recordingError = String(error);
	} finally {
		child.kill('SIGTERM');
	}

	const run = await finished;
	const read = (folder: string): Map<string, CsvFile> => new Map(csvIn(folder).map(name => [name, readCsv(path.join(folder, name))]));
	Object.assign(t.context, {daemonPid, view, children: named, diskPaths, store, run, recordingError, files: read(store), diskFiles: read(diskFolder)});
});

test.after.always(t => {
	killGroup(t.context.daemon?.pid);
	fs.rmSync(t.context.dir, {recursive: true, force: true});
});

test('the kernel gave the children the strange names (the setup is what it claims)', t => {
	t.is(t.context.children.length, childNames.length);
	for (const child of t.context.children) {
		const comm = fs.readFileSync(`/proc/${child.pid}/comm`).subarray(0, -1);
		t.true(comm.equals(Buffer.from(child.name).subarray(0, 15)), `${JSON.stringify(child.name)} -> ${JSON.stringify(comm.toString())}`);
	}
});

test('parseStat reads pid, ppid, state and start time after a comm with spaces, `)`, a newline and cut unicode', t => {
	for (const child of t.context.children) {
		const text = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
		const stat = parseStat(text);
		t.truthy(stat, text);
		t.like(stat, {pid: child.pid, ppid: t.context.daemonPid, comm: kernelComm(child.name), startTime: child.startTime, state: 'S'});
		t.true(stat!.vsize > 0);
	}
});

test('the Monitor names the children by start time, with the right ppid and comm', async t => {
	const {daemonPid, view, children} = t.context;
	// The fake daemon is this test's child: allowed explicitly, as the demo fleet is for the CLI.
	const monitor = new Monitor({daemons: ['integratord'], interval: 0.2, procRoot: view, allowedRoots: [daemonPid]});
	const snapshots: Snapshot[] = [];
	monitor.on('snapshot', snapshot => snapshots.push(snapshot));
	monitor.start();
	try {
		await waitFor(() => snapshots.length >= 2 || undefined, 60_000, 'two snapshots');
	} finally {
		await monitor.stop();
	}

	const samples = snapshots.at(-1)!.samples;
	t.is(samples.length, 1 + children.length);
	t.like(samples.find(sample => sample.pid === daemonPid), {role: daemonName, childIndex: 0});
	children.forEach((child, index) => {
		const sample = samples.find(each => each.pid === child.pid);
		t.like(sample, {role: `${daemonName}_child_${index + 1}`, childIndex: index + 1, ppid: daemonPid, comm: kernelComm(child.name)}, JSON.stringify(child.name));
	});
});

test('the recording has one file per child, named by role, each with its PID', t => {
	const {run, files, children, daemonPid} = t.context;
	t.is(t.context.recordingError, undefined, run.stderr);
	t.is(run.code, 0, run.stderr);
	t.deepEqual([...files.keys()].sort(), [`${daemonName}.csv`, ...children.map((_child, index) => `${daemonName}_child_${index + 1}.csv`)].sort());
	t.deepEqual(new Set(files.get(`${daemonName}.csv`)!.rows.map(row => row.PID)), new Set([String(daemonPid)]));
	children.forEach((child, index) => {
		const role = `${daemonName}_child_${index + 1}`;
		const {rows} = files.get(`${role}.csv`)!;
		t.true(rows.length >= 3);
		for (const row of rows) {
			t.is(row.Daemon, role);
			t.is(row.PID, String(child.pid), `${role} is ${JSON.stringify(child.name)}`);
			t.not(row['RSS(KB)'], '');
		}
	});
});

test('disk CSVs: File and Path read back exactly, one file per path', t => {
	const {diskFiles, diskPaths} = t.context;
	t.is(t.context.recordingError, undefined, t.context.run.stderr);
	t.log([...diskFiles.keys()].map(name => JSON.stringify(name)).join('\n'));
	t.is(diskFiles.size, diskPaths.length, 'every path has a file of its own');
	const byPath = new Map<string, string>();
	for (const [name, {rows}] of diskFiles) {
		t.true(rows.length >= 3, name);
		const paths = new Set(rows.map(row => row.Path));
		t.is(paths.size, 1, `${name} mixes paths: ${JSON.stringify([...paths])}`);
		const [only] = paths;
		t.false(byPath.has(only!), `${JSON.stringify(only)} is in two files`);
		byPath.set(only!, name);
		for (const row of rows) {
			t.is(row.File, path.basename(only!));
		}

		// A directory's first rows come before its first walk ends: Size is empty there, then always set.
		const sized = rows.findIndex(row => row['Size(KB)'] !== '');
		t.true(sized === 0 || (sized > 0 && fs.statSync(only!).isDirectory()), `${name}: Size empty in row ${sized}`);
		t.true(rows.slice(sized).every(row => row['Size(KB)'] !== ''), `${name}: Size empty after a walk`);

		t.false(name.includes('\n'), 'no control character in a file name');
	}

	t.deepEqual([...byPath.keys()].sort(), [...diskPaths].sort());
	// Sizes tell the files apart (each was written with a different length) and the directory holds 3000 bytes.
	for (const [diskPath, name] of byPath) {
		const expected = fs.statSync(diskPath).isDirectory() ? 3000 : fs.statSync(diskPath).size;
		t.is(Number(diskFiles.get(name)!.rows.at(-1)!['Size(KB)']), Math.round(expected / 1024 * 1000) / 1000, JSON.stringify(diskPath));
	}
});
