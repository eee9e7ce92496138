import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {type Finished, startCli, waitFor} from '../helpers/cli.js';
import {type User, user} from '../helpers/harden.js';

/*
 * The attacks of the root-safety review, each performed for real: the CLI runs as root, the
 * attacker's steps run as `nobody` in child processes. The CLI's state root (the `stateRoot` hook)
 * stands for the old default `<tmp>/process_metrics`: a folder any user could create before root's
 * first run. Targets are root-only files in temporary folders (never /etc).
 */

const nobody = user('nobody');
const isRoot = process.getuid?.() === 0;
const canAttack = isRoot && nobody !== undefined;
/** Runs until told to stop: no daemon ever shows up in an empty /proc, and it retries forever in practice. */
const waitingArgs = ['maild', '--match-by-name', '--headless', '-s', '0.2', '-H', '0.2', '-r', '100000'];

/** Runs `script` with node as `who`: `args` are its process.argv.slice(1). Throws on failure. */
function runAs(who: User, script: string, ...args: string[]): void {
	const result = spawnSync(process.execPath, ['-e', script, '--', ...args], {uid: who.uid, gid: who.gid, encoding: 'utf8'});
	if (result.status !== 0) {
		throw new Error(`as ${who.name}: ${result.stderr}`);
	}
}

/** A root-owned temporary folder (0755 so nobody can reach its children), removed after the test. */
function scratch(t: ExecutionContext): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-attack-'));
	fs.chmodSync(dir, 0o755);
	t.teardown(() => {
		fs.rmSync(dir, {recursive: true, force: true});
	});
	return dir;
}

/** A root-only file (0600 in a 0700 folder) with `content`: what the attacker wants root to write into. */
function rootOnlyFile(dir: string, name: string, content: string): string {
	const folder = path.join(dir, `root-only-${name}`);
	fs.mkdirSync(folder, {mode: 0o700});
	const file = path.join(folder, name);
	fs.writeFileSync(file, content, {mode: 0o600});
	return file;
}

/** A world-writable sticky folder in `dir`, standing for /tmp. */
function sharedTmp(dir: string): string {
	const tmp = path.join(dir, 'tmp');
	if (!fs.existsSync(tmp)) {
		fs.mkdirSync(tmp);
		fs.chmodSync(tmp, 0o1777);
	}

	return tmp;
}

/** The folder nobody made before root's first run, as `<tmp>/process_metrics` could be. */
function attackerRoot(dir: string, name = 'process_metrics'): string {
	const root = path.join(sharedTmp(dir), name);
	runAs(nobody!, 'require("fs").mkdirSync(process.argv[1], {mode: 0o755})', root);
	return root;
}

/** An empty /proc: the CLI watches nothing and needs no fleet. */
function emptyProc(dir: string): string {
	const proc = path.join(dir, 'proc');
	fs.mkdirSync(proc, {mode: 0o755});
	return proc;
}

/** Starts the CLI as root; it is stopped (and reaped) after the test whatever happens. */
function startRootCli(t: ExecutionContext, args: string[], hooks: {stateRoot: string; procRoot: string}): {finished: Promise<Finished>; stop: () => Promise<Finished>; stderr: () => string} {
	const {child, finished} = startCli(args, {hooks});
	let done = false;
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	void finished.then(() => {
		done = true;
	});
	t.teardown(async () => {
		if (!done) {
			child.kill('SIGKILL');
			await finished;
		}
	});
	return {
		finished,
		stderr: () => stderr,
		async stop() {
			if (!done) {
				child.kill('SIGTERM');
			}

			return finished;
		},
	};
}

/** Resolves with the CLI's end, or with undefined once `check` holds (whichever first; 30 s ceiling). */
async function exitOr(finished: Promise<Finished>, check: () => boolean, what: string): Promise<Finished | undefined> {
	let exited: Finished | undefined;
	void finished.then(run => {
		exited = run;
	});
	await waitFor(() => (exited !== undefined || check()) || undefined, 30_000, what);
	return exited;
}

const pad = (value: number): string => String(value).padStart(2, '0');
const dayName = (date: Date): string => `${pad(date.getDate())}-${pad(date.getMonth() + 1)}-${date.getFullYear()}`;

/** The refusal: one line naming the folder, exit 2, before anything started. */
function assertRefused(t: ExecutionContext, run: Finished, folder: string): void {
	t.is(run.code, 2, run.stderr);
	const lines = run.stderr.trim().split('\n');
	t.is(lines.length, 1, run.stderr);
	t.true(lines[0]!.includes(folder), run.stderr);
	t.regex(lines[0]!, /owned by|writable by|symbolic link/);
}

/**
 * Where a test cannot run (not root, or no user nobody), it is registered as one that says so and
 * checks that this is not CI: CI runs as root, where every attack must run.
 */
function onlyWhen(possible: boolean, why: string): (title: string, body: (t: ExecutionContext) => Promise<void>) => void {
	return (title, body) => {
		if (possible) {
			test.serial(title, body);
		} else {
			test(`${title}: not run here (${why})`, t => {
				t.false(Boolean(process.env.CI), `${why}: CI runs as root and must run it`);
			});
		}
	};
}

const attack = onlyWhen(canAttack, 'needs root and the user nobody');

attack('1. the log linked to a root-only file (ld.so.preload stand-in): nothing is written to it', async t => {
	const dir = scratch(t);
	const root = attackerRoot(dir);
	const preload = rootOnlyFile(dir, 'ld.so.preload', '');
	runAs(nobody!, 'require("fs").symlinkSync(process.argv[1], process.argv[2])', preload, path.join(root, 'wazuh-metrics.log'));

	const cli = startRootCli(t, waitingArgs, {stateRoot: root, procRoot: emptyProc(dir)});
	const exited = await exitOr(cli.finished, () => fs.statSync(preload).size > 0, 'the CLI to refuse or write the target');
	const run = exited ?? await cli.stop();
	t.is(fs.readFileSync(preload, 'utf8'), '', 'root appended its log lines to the target');
	assertRefused(t, run, root);
});

attack('1. a dangling log symlink: root does not create its target', async t => {
	const dir = scratch(t);
	const root = attackerRoot(dir);
	const closed = path.join(dir, 'root-only');
	fs.mkdirSync(closed, {mode: 0o700});
	const target = path.join(closed, 'created-by-root');
	runAs(nobody!, 'require("fs").symlinkSync(process.argv[1], process.argv[2])', target, path.join(root, 'wazuh-metrics.log'));

	const cli = startRootCli(t, waitingArgs, {stateRoot: root, procRoot: emptyProc(dir)});
	const exited = await exitOr(cli.finished, () => fs.existsSync(target), 'the CLI to refuse or create the target');
	const run = exited ?? await cli.stop();
	t.false(fs.existsSync(target), 'root created the target of the dangling link');
	assertRefused(t, run, root);
});

attack('1. the day folder as a symlink: no session folder or CSV lands where it points', async t => {
	const dir = scratch(t);
	const root = attackerRoot(dir);
	const elsewhere = path.join(dir, 'elsewhere');
	fs.mkdirSync(elsewhere, {mode: 0o700});
	const now = Date.now();
	// Yesterday to tomorrow: the CLI picks its day when it starts, whatever the clock does meanwhile.
	for (const offset of [-1, 0, 1]) {
		runAs(nobody!, 'require("fs").symlinkSync(process.argv[1], process.argv[2])', elsewhere, path.join(root, dayName(new Date(now + offset * 86_400_000))));
	}

	const watched = path.join(dir, 'watched');
	fs.writeFileSync(watched, 'x');
	const cli = startRootCli(t, [...waitingArgs, '--disk', watched], {stateRoot: root, procRoot: emptyProc(dir)});
	const hasCsv = (): boolean => fs.readdirSync(elsewhere, {recursive: true}).some(name => String(name).endsWith('.csv'));
	const exited = await exitOr(cli.finished, hasCsv, 'the CLI to refuse or write a CSV through the link');
	const run = exited ?? await cli.stop();
	t.deepEqual(fs.readdirSync(elsewhere), [], 'root created its session folder where the link pointed');
	assertRefused(t, run, root);
});

attack('1. the session folder swapped after creation: a CSV that appears later is not written where the swap points', async t => {
	const dir = scratch(t);
	const root = attackerRoot(dir);
	const elsewhere = path.join(dir, 'elsewhere');
	fs.mkdirSync(elsewhere, {mode: 0o700});
	// The day folders are nobody's too (made before root's run), so nobody may rename what root puts in them.
	const now = Date.now();
	for (const offset of [-1, 0, 1]) {
		runAs(nobody!, 'require("fs").mkdirSync(process.argv[1], {mode: 0o755})', path.join(root, dayName(new Date(now + offset * 86_400_000))));
	}

	// Appears only after the swap: its CSV is opened then, by path.
	const late = path.join(dir, 'late');
	const cli = startRootCli(t, [...waitingArgs, '--disk', late], {stateRoot: root, procRoot: emptyProc(dir)});
	const findSession = (): string | undefined => {
		for (const day of fs.readdirSync(root)) {
			const dayFolder = path.join(root, day);
			if (fs.lstatSync(dayFolder).isDirectory()) {
				const [epoch] = fs.readdirSync(dayFolder).filter(name => !name.endsWith('.moved'));
				if (epoch !== undefined) {
					return path.join(dayFolder, epoch);
				}
			}
		}

		return undefined;
	};

	let exited = await exitOr(cli.finished, () => findSession() !== undefined, 'the CLI to refuse or create its session folder');
	if (exited === undefined) {
		// The day folder is nobody's: nobody moves root's session folder away and puts a link in its place.
		// (The refusal above is the fix; this branch runs on code that trusted the folder.)
		const session = findSession()!;
		runAs(nobody!, 'const fs = require("fs"); fs.renameSync(process.argv[2], process.argv[2] + ".moved"); fs.symlinkSync(process.argv[1], process.argv[2])', elsewhere, session);
		fs.writeFileSync(late, 'x');
		exited = await exitOr(cli.finished, () => fs.readdirSync(elsewhere, {recursive: true}).length > 0, 'a CSV through the swapped folder');
	}

	const run = exited ?? await cli.stop();
	t.deepEqual(fs.readdirSync(elsewhere), [], 'root wrote into the folder the swap pointed to');
	assertRefused(t, run, root);
});

attack('2. a CSV deleted and replaced by a hard link to a foreign file: the file keeps its last line and gets no row', async t => {
	const dir = scratch(t);
	// A store folder of nobody's (a shared folder), and a file of nobody's data elsewhere.
	const store = attackerRoot(dir);
	const own = attackerRoot(dir, 'nobody-data');
	const foreign = path.join(own, 'data.txt');
	const content = 'first line\nlast line without newline';
	runAs(nobody!, 'require("fs").writeFileSync(process.argv[1], process.argv[2])', foreign, content);
	const watched = path.join(dir, 'watched');
	fs.writeFileSync(watched, 'x');
	const session = fs.mkdtempSync(path.join(dir, 'session-'));
	const stateRoot = fs.mkdtempSync(path.join(dir, 'state-'));
	const cli = startRootCli(t, [...waitingArgs, '--store-process', session, '--disk', watched, '--store-disk', store], {stateRoot, procRoot: emptyProc(dir)});
	const csv = path.join(store, 'watched.csv');
	let exited = await exitOr(cli.finished, () => fs.existsSync(csv) && fs.readFileSync(csv, 'utf8').split('\n').length > 2, 'the CLI to refuse or write rows');
	if (exited === undefined) {
		runAs(nobody!, 'const fs = require("fs"); fs.unlinkSync(process.argv[2]); fs.linkSync(process.argv[1], process.argv[2])', foreign, csv);
		exited = await exitOr(cli.finished, () => fs.readFileSync(foreign, 'utf8') !== content, 'the foreign file to change');
	}

	const run = exited ?? await cli.stop();
	t.is(fs.readFileSync(foreign, 'utf8'), content, 'the reopen truncated or appended to the foreign file');
	assertRefused(t, run, store);
});

attack('3. a FIFO in place of the log in a folder of nobody\'s: refused at once, the open never blocks', async t => {
	const dir = scratch(t);
	const root = attackerRoot(dir);
	const mkfifo = spawnSync('mkfifo', [path.join(root, 'wazuh-metrics.log')], {uid: nobody!.uid, gid: nobody!.gid});
	t.is(mkfifo.status, 0);
	const cli = startRootCli(t, waitingArgs, {stateRoot: root, procRoot: emptyProc(dir)});
	const exited = await exitOr(cli.finished, () => false, 'the CLI to refuse the folder (a blocked open never returns)').catch(() => undefined);
	t.truthy(exited, 'the CLI hung on the FIFO');
	if (exited) {
		assertRefused(t, exited, root);
	}
});

const rootOnly = onlyWhen(isRoot, 'needs root');

rootOnly('3. FIFOs in place of the log and of a CSV in root\'s own folders: SIGINT still ends the run', async t => {
	const dir = scratch(t);
	const stateRoot = fs.mkdtempSync(path.join(dir, 'state-'));
	const store = fs.mkdtempSync(path.join(dir, 'store-'));
	for (const fifo of [path.join(stateRoot, 'wazuh-metrics.log'), path.join(store, 'watched.csv')]) {
		t.is(spawnSync('mkfifo', [fifo]).status, 0);
	}

	const watched = path.join(dir, 'watched');
	fs.writeFileSync(watched, 'x');
	const session = fs.mkdtempSync(path.join(dir, 'session-'));
	const {child, finished} = startCli([...waitingArgs, '--store-process', session, '--disk', watched, '--store-disk', store], {hooks: {stateRoot, procRoot: emptyProc(dir)}});
	let run: Finished | undefined;
	void finished.then(result => {
		run = result;
	});
	t.teardown(async () => {
		if (run === undefined) {
			child.kill('SIGKILL');
			await finished;
		}
	});
	// The CSV's refusal shows in the status line: past that point, the run is up and the files were tried.
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	await waitFor(() => /watched\.csv/.test(stderr) || run !== undefined || undefined, 30_000, 'the CLI to report the CSV');
	child.kill('SIGINT');
	await waitFor(() => run, 30_000, 'the CLI to end on SIGINT').catch(() => undefined);
	t.truthy(run, 'SIGINT was never handled');
	t.is(run?.signal, null);
	t.regex(stderr, /cannot write the log file/);
	t.regex(stderr, /watched\.csv: .*not a regular file/);
});

rootOnly('4. outputs are not readable by other users: folders 0700, files 0600', async t => {
	const dir = scratch(t);
	const stateRoot = path.join(fs.mkdtempSync(path.join(dir, 'state-')), 'wazuh-metrics');
	const watched = path.join(dir, 'watched');
	fs.writeFileSync(watched, 'x');
	const umask = process.umask(0o022);
	let cli;
	try {
		cli = startRootCli(t, [...waitingArgs, '--disk', watched], {stateRoot, procRoot: emptyProc(dir)});
	} finally {
		process.umask(umask);
	}

	const log = path.join(stateRoot, 'wazuh-metrics.log');
	const csvs = (): string[] => fs.existsSync(stateRoot) ? fs.readdirSync(stateRoot, {recursive: true}).map(String).filter(name => name.endsWith('.csv')) : [];
	const exited = await exitOr(cli.finished, () => csvs().length > 0 && fs.existsSync(log), 'a CSV and the log');
	const run = exited ?? await cli.stop();
	t.not(run.code, 2, run.stderr);
	const [csv] = csvs();
	t.truthy(csv);
	const session = path.join(stateRoot, path.dirname(path.dirname(csv!)));
	for (const folder of [stateRoot, path.dirname(session), session, path.join(session, 'files')]) {
		t.is(fs.statSync(folder).mode & 0o777, 0o700, folder);
	}

	for (const file of [log, path.join(stateRoot, csv!)]) {
		t.is(fs.statSync(file).mode & 0o777, 0o600, file);
		t.throws(() => {
			runAs(nobody!, 'require("fs").readFileSync(process.argv[1])', file);
		}, undefined, `nobody read ${file}`);
	}
});

rootOnly('a log or CSV path that is a hard link to another file is refused', async t => {
	const dir = scratch(t);
	const stateRoot = fs.mkdtempSync(path.join(dir, 'state-'));
	const store = fs.mkdtempSync(path.join(dir, 'store-'));
	const other = path.join(dir, 'other');
	fs.writeFileSync(other, 'other\n', {mode: 0o600});
	fs.linkSync(other, path.join(stateRoot, 'wazuh-metrics.log'));
	fs.linkSync(other, path.join(store, 'watched.csv'));
	const watched = path.join(dir, 'watched');
	fs.writeFileSync(watched, 'x');
	const session = fs.mkdtempSync(path.join(dir, 'session-'));
	const cli = startRootCli(t, [...waitingArgs, '--store-process', session, '--disk', watched, '--store-disk', store], {stateRoot, procRoot: emptyProc(dir)});
	const refusedBoth = (): boolean => /cannot write the log file/.test(cli.stderr()) && /watched\.csv/.test(cli.stderr());
	const exited = await exitOr(cli.finished, () => fs.readFileSync(other, 'utf8') !== 'other\n' || refusedBoth(), 'the CLI to refuse or write the linked file');
	const run = exited ?? await cli.stop();
	t.is(fs.readFileSync(other, 'utf8'), 'other\n', 'root wrote through the hard link');
	t.regex(run.stderr, /cannot write the log file.*other hard links/);
	t.regex(run.stderr, /watched\.csv: .*other hard links/);
});

attack('a run as another user records into that user\'s own state folder', async t => {
	const dir = scratch(t);
	const home = path.join(dir, 'state-home');
	fs.mkdirSync(home, {mode: 0o700});
	fs.chownSync(home, nobody!.uid, nobody!.gid);
	const proc = emptyProc(dir);
	const {finished} = startCli(['maild', '--match-by-name', '--headless', '-s', '0.1', '-H', '0.2', '-r', '2'], {
		as: nobody,
		env: {XDG_STATE_HOME: home},
		hooks: {procRoot: proc},
	});
	const run = await finished;
	t.is(run.code, 1, run.stderr);
	const root = path.join(home, 'wazuh-metrics');
	t.regex(run.stderr, new RegExp(`given up`));
	const log = fs.readFileSync(path.join(root, 'wazuh-metrics.log'), 'utf8');
	t.regex(log, /INFO started/);
	t.is(fs.statSync(root).uid, nobody!.uid);
	const [day] = fs.readdirSync(root).filter(name => name !== 'wazuh-metrics.log');
	t.regex(day!, /^\d\d-\d\d-\d{4}$/);
});
