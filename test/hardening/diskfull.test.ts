import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {type Fleet, startFleet} from '../helpers/fleet.js';
import {formatTimestamp} from '../../source/model/timestamp.js';
import {Recorder} from '../../source/recorder/recorder.js';
import {type Finished, readCsv, startCli, waitFor} from '../helpers/cli.js';
import {procView} from '../helpers/harden.js';
import {processSample, snapshot} from '../helpers/snapshots.js';

/*
 * Disk full while recording: the CLI records the simulated manager into a 256 KiB tmpfs, a filler
 * file takes the rest of it, then goes away again. One run is shared by the assertions.
 */

type Phase = {stderr: string; files: Map<string, Buffer>};
type Context = {
	mounted: boolean;
	why?: string;
	dir: string;
	store: string;
	temporary: string;
	fleet?: Fleet;
	view: string;
	kill?: () => void;
	beforeFill?: Phase;
	whileFull?: Phase & {running: boolean; pendingGrew: boolean};
	freedAt?: number;
	run?: Finished;
};
const test = anyTest as TestFn<Context>;

const fakes = ['wazuh-csyslogd', 'wazuh-integratord', 'wazuh-agentlessd'];
const csvNames = fakes.map(name => `${name}.csv`);
const errorLine = /^wazuh-metrics: cannot write CSVs: (.*)$/gm;
const waitingRows = /WRITE FAILING: .* \((\d+) rows waiting\)/g;

const readFiles = (folder: string): Map<string, Buffer> =>
	new Map(csvNames.filter(name => fs.existsSync(path.join(folder, name))).map(name => [name, fs.readFileSync(path.join(folder, name))]));
const rowCount = (buffer: Buffer | undefined): number => (buffer?.toString().match(/\n/g)?.length ?? 1) - 1;

/** Writes until the filesystem says ENOSPC; returns the bytes written. */
function fill(file: string): number {
	const fd = fs.openSync(file, 'w');
	const chunk = Buffer.alloc(4096, 0x78);
	let written = 0;
	try {
		for (;;) {
			written += fs.writeSync(fd, chunk);
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') {
			throw error;
		}
	} finally {
		fs.closeSync(fd);
	}

	return written;
}

test.before(async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-full-'));
	const store = path.join(dir, 'store');
	const temporary = path.join(dir, 'tmp');
	fs.mkdirSync(store);
	fs.mkdirSync(temporary);
	t.context = {mounted: false, dir, store, temporary} as Context;
	const fleet = await startFleet({daemons: fakes.map(name => ({name})), decoy: false, dir: path.join(dir, 'fleet')});
	t.context.fleet = fleet;
	const view = procView(path.join(dir, 'proc'), fakes.map(name => fleet.pidOf(name)!));
	t.context.view = view;
	try {
		// mode=0700: a tmpfs root is 1777 by default, which the CLI refuses to write into (safe-folder.ts).
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', store], {stdio: 'pipe'});
		t.context.mounted = true;
	} catch (error) {
		t.context.why = `cannot mount a tmpfs (${String((error as {stderr?: Buffer}).stderr ?? error).trim()})`;
		return;
	}

	const {child, finished} = startCli(
		['csyslogd', 'integratord', 'agentlessd', '--match-by-name', '--headless', '-s', '0.2', '-H', '1', '-v', '4.9.0', '--store-process', store],
		{hooks: {procRoot: view, stateRoot: path.join(temporary, 'process_metrics')}},
	);
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	t.context.kill = () => child.kill('SIGKILL');

	await waitFor(() => {
		const files = readFiles(store);
		return files.size === 3 && [...files.values()].every(buffer => rowCount(buffer) >= 5) || undefined;
	}, 60_000, 'five rows in each file');
	t.context.beforeFill = {stderr, files: readFiles(store)};

	const filled = fill(path.join(store, 'filler'));
	t.log(`filler: ${filled} bytes`);
	// tmpfs has no room left, but the last page of each CSV still takes rows until it is full.
	await waitFor(() => stderr.includes('cannot write CSVs') || undefined, 60_000, 'the write error on stderr');
	// Two health checks later: still running, rows piling up in memory.
	const pendingNow = () => [...stderr.matchAll(waitingRows)].map(match => Number(match[1]));
	await waitFor(() => (pendingNow().length >= 2 ? true : undefined), 60_000, 'two health checks while the disk is full');
	const pending = pendingNow();
	t.log(`rows waiting at each health check: ${pending.join(', ')}`);
	t.context.whileFull = {
		stderr,
		files: readFiles(store),
		running: child.exitCode === null && child.signalCode === null,
		pendingGrew: pending.length >= 2 && pending.at(-1)! > pending[0]!,
	};

	fs.rmSync(path.join(store, 'filler'));
	const freedAt = Date.now();
	t.context.freedAt = freedAt;
	// A row of a tick a second after the space came back, in every file (timestamps sort as text;
	// below a second between samples they carry milliseconds).
	const later = formatTimestamp(freedAt + 1000);
	const newestTimestamp = (buffer: Buffer): string => [...buffer.toString().matchAll(/,(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{3})?),/g)].at(-1)?.[1] ?? '';
	await waitFor(() => {
		const files = readFiles(store);
		return [...files.values()].every(buffer => newestTimestamp(buffer) >= later) || undefined;
	}, 60_000, 'rows written after the space came back');
	child.kill('SIGTERM');
	t.context.run = await finished;
});

test.after.always(async t => {
	t.context.kill?.();
	await t.context.fleet?.stop();
	if (t.context.mounted) {
		try {
			execFileSync('umount', [t.context.store], {stdio: 'pipe'});
		} catch {
			// Something still holds a file there (a CLI that did not die yet): detach it anyway.
			execFileSync('umount', ['-l', t.context.store], {stdio: 'pipe'});
		}
	}

	fs.rmSync(t.context.dir, {recursive: true, force: true});
});

test('a full disk gets one clear line on stderr, and monitoring goes on', t => {
	if (!t.context.mounted) {
		t.log(`no tmpfs: ${t.context.why!}; the recorder-level test below covers a full disk instead`);
		t.pass();
		return;
	}

	const {beforeFill, whileFull} = t.context;
	t.notRegex(beforeFill!.stderr, /cannot write/);
	const errors = [...whileFull!.stderr.matchAll(errorLine)].map(match => match[1]!);
	t.log(errors.join('\n'));
	t.is(errors.length, 1, 'one message for one full disk, not one per file or tick');
	t.regex(errors[0]!, /^wazuh-[a-z]+\.csv: no space left on device \(ENOSPC\); monitoring goes on, rows wait in memory$/);
	t.true(whileFull!.running, 'the CLI is still running');
	t.true(whileFull!.pendingGrew, 'the health-check lines show rows piling up in memory');
});

test('writing resumes once there is room, and the run ends normally', t => {
	if (!t.context.mounted) {
		t.pass();
		return;
	}

	const {run, temporary} = t.context;
	t.is(run!.code, 0, run!.stderr);
	// The recovery is an info notice: the log has it (headless prints only warnings and errors).
	const log = fs.readFileSync(path.join(temporary, 'process_metrics', 'wazuh-metrics.log'), 'utf8');
	t.regex(log, /writing CSVs again \(0 rows lost\)/);
});

test('every CSV parses strictly, rows written before the fill are intact, and none is lost or repeated', t => {
	if (!t.context.mounted) {
		t.pass();
		return;
	}

	const {beforeFill, store} = t.context;
	for (const name of csvNames) {
		const file = path.join(store, name);
		const now = fs.readFileSync(file);
		const before = beforeFill!.files.get(name)!;
		t.true(now.subarray(0, before.length).equals(before), `${name}: the bytes written before the fill changed`);
		const {rows} = readCsv(file);
		const timestamps = rows.map(row => row.Timestamp!);
		t.deepEqual(timestamps, [...timestamps].sort(), `${name}: rows out of order`);
		// Every tick has its own timestamp (milliseconds below a second): a backlog written twice would
		// repeat some; one dropped would leave this file with fewer ticks than the others.
		t.is(new Set(timestamps).size, timestamps.length, `${name}: a row repeated`);
		t.deepEqual(timestamps, readCsv(path.join(store, csvNames[0]!)).rows.map(row => row.Timestamp!), `${name}: not the ticks of ${csvNames[0]!}`);
	}

	t.regex(t.context.run!.stderr, /writing CSVs again \(0 rows lost\)/);
});

test('recorder level: on /dev/full rows wait in memory, and land in order once writes work', t => {
	// The tmpfs run without a mount: a host that refuses mount still covers a full disk here.
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-full-rec-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	let full = true;
	const recorder = new Recorder({
		processFolder: folder,
		diskFolder: path.join(folder, 'files'),
		unit: 'KB',
		diskUnit: 'GB',
		openFile: target => fs.openSync(full ? '/dev/full' : target, 'a'),
	});
	const write = (tick: number): void => {
		recorder.writeSnapshot(snapshot([processSample({pid: tick})], {tick, time: Date.UTC(2024, 0, 2, 3, 4, tick)}));
	};

	write(1);
	write(2);
	t.like(recorder.status(), {error: 'wazuh-analysisd.csv: no space left on device (ENOSPC)', pendingRows: 2, rowsWritten: 0});
	full = false;
	write(3);
	t.like(recorder.status(), {error: undefined, pendingRows: 0, rowsWritten: 3, lostRows: 0});
	recorder.close();
	t.deepEqual(readCsv(path.join(folder, 'wazuh-analysisd.csv')).rows.map(row => row.PID), ['1', '2', '3']);
});

test('a session folder deleted while recording is created again, and rows go on', async t => {
	// The kernel keeps writing to an open file that has no name left: without a check every row
	// after the deletion (a clean-up of /tmp in a long run) would be lost without a word.
	const root = path.join(t.context.dir, 'deleted');
	const store = path.join(root, 'store');
	const temporary = path.join(root, 'tmp');
	fs.mkdirSync(temporary, {recursive: true});
	const {child, finished} = startCli(
		['csyslogd', 'integratord', 'agentlessd', '--match-by-name', '--headless', '-s', '0.2', '-H', '1', '-v', '4.9.0', '--store-process', store],
		{hooks: {procRoot: t.context.view, stateRoot: path.join(temporary, 'process_metrics')}},
	);
	const log = path.join(temporary, 'process_metrics', 'wazuh-metrics.log');
	let deletedAt = 0;
	try {
		await waitFor(() => {
			const files = readFiles(store);
			return files.size === 3 && [...files.values()].every(buffer => rowCount(buffer) >= 3) || undefined;
		}, 60_000, 'three rows in each file');
		deletedAt = Date.now();
		fs.rmSync(store, {recursive: true});
		fs.rmSync(path.dirname(log), {recursive: true});
		await waitFor(() => {
			const files = readFiles(store);
			return files.size === 3 && [...files.values()].every(buffer => rowCount(buffer) >= 5) || undefined;
		}, 60_000, 'the files written again');
	} finally {
		child.kill('SIGTERM');
	}

	const run = await finished;
	t.is(run.code, 0, run.stderr);
	const deleted = formatTimestamp(deletedAt);
	for (const name of csvNames) {
		const {header, rows} = readCsv(path.join(store, name));
		t.is(header[0], 'Daemon', `${name} starts with its header again`);
		t.true(rows.every(row => row.Timestamp! >= deleted), `${name}: rows from before the deletion`);
		t.false(rows.some(row => row.Daemon === 'Daemon'), `${name}: a second header`);
	}

	// The log, deleted as well, is started again: the end of the run is in it.
	t.regex(fs.readFileSync(log, 'utf8'), /stopped \(exit 0\)/);
});

test('recorder level: the error names the file that failed first while others fail after it', t => {
	// On a filling disk each file fails when its own last block is full; the CLI prints a line per
	// change of status().error, so naming whichever file comes first in creation order printed one
	// line per file. Here wazuh-db.csv is created first but fails second.
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-full-order-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const failing = new Set<string>();
	const recorder = new Recorder({
		processFolder: folder,
		diskFolder: path.join(folder, 'files'),
		unit: 'KB',
		diskUnit: 'GB',
		openFile(target) {
			if (failing.has(path.basename(target))) {
				throw Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC'});
			}

			return fs.openSync(target, 'a');
		},
	});
	const write = (tick: number): void => {
		recorder.writeSnapshot(snapshot([processSample({role: 'wazuh-db', pid: tick}), processSample({role: 'wazuh-remoted', pid: tick})], {tick}));
	};

	write(1);
	// Deleting a file makes the recorder open it again, which is where the failure is injected.
	failing.add('wazuh-remoted.csv');
	fs.rmSync(path.join(folder, 'wazuh-remoted.csv'));
	write(2);
	t.is(recorder.status().error, 'wazuh-remoted.csv: no space left on device (ENOSPC)');
	failing.add('wazuh-db.csv');
	fs.rmSync(path.join(folder, 'wazuh-db.csv'));
	write(3);
	t.is(recorder.status().error, 'wazuh-remoted.csv: no space left on device (ENOSPC)', 'the same problem, told once');
	failing.delete('wazuh-remoted.csv');
	write(4);
	t.is(recorder.status().error, 'wazuh-db.csv: no space left on device (ENOSPC)', 'the one still failing');
	failing.clear();
	write(5);
	t.is(recorder.status().error, undefined);
	recorder.close();
	t.deepEqual(readCsv(path.join(folder, 'wazuh-db.csv')).rows.map(row => row.PID), ['3', '4', '5']);
	t.deepEqual(readCsv(path.join(folder, 'wazuh-remoted.csv')).rows.map(row => row.PID), ['2', '3', '4', '5']);
});
