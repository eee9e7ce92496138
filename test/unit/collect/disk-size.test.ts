import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {directorySize, type WalkEntry, type WalkIo, type WalkStats} from '../../../source/collect/directory-size.js';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

function temporaryDirectory(t: {teardown: (fn: () => void) => void}): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wazuh-metrics-disk-size-'));
	t.teardown(() => {
		fs.rmSync(dir, {recursive: true, force: true});
	});
	return dir;
}

/** Writes `bytes` bytes to `file` (creating parents) and returns the count, to keep expected sums honest. */
function writeBytes(file: string, bytes: number): number {
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, Buffer.alloc(bytes, 0x61));
	return bytes;
}

const realIo: WalkIo = {
	readdir: (dir) => fs.readdirSync(dir, {withFileTypes: true}),
	lstat: (file) => fs.lstatSync(file, {throwIfNoEntry: false}),
};

test('sums the apparent sizes of the regular files of a nested tree, nothing else', (t) => {
	const root = temporaryDirectory(t);
	let expected = 0;
	expected += writeBytes(path.join(root, 'top.log'), 1234);
	expected += writeBytes(path.join(root, 'empty'), 0);
	expected += writeBytes(path.join(root, 'a', 'one'), 1);
	expected += writeBytes(path.join(root, 'a', 'b', 'c', 'deep'), 70_000);
	expected += writeBytes(path.join(root, 'a', 'b', 'sibling'), 333);
	fs.mkdirSync(path.join(root, 'empty-dir'));
	// Neither the symlink itself nor the FIFO adds bytes.
	fs.symlinkSync(path.join(root, 'top.log'), path.join(root, 'link-to-file'));
	execFileSync('mkfifo', [path.join(root, 'a', 'fifo')]);
	// Sparse file: apparent size counts, not the blocks used.
	const sparse = path.join(root, 'sparse');
	fs.closeSync(fs.openSync(sparse, 'w'));
	fs.truncateSync(sparse, 5_000_000);
	expected += 5_000_000;

	const result = directorySize(root);
	t.is(result.bytes, expected);
	t.is(result.files, 6);
	t.deepEqual(result.problems, []);
});

test('counts a file with several hard links once', (t) => {
	const root = temporaryDirectory(t);
	const original = path.join(root, 'x', 'data');
	writeBytes(original, 4096);
	fs.mkdirSync(path.join(root, 'y'));
	fs.linkSync(original, path.join(root, 'y', 'same-data'));
	fs.linkSync(original, path.join(root, 'third-name'));
	writeBytes(path.join(root, 'other'), 10);

	const result = directorySize(root);
	t.is(result.bytes, 4096 + 10);
	t.is(result.files, 2);
});

test('does not enter a symlinked directory', (t) => {
	const root = temporaryDirectory(t);
	const outside = temporaryDirectory(t);
	writeBytes(path.join(outside, 'big'), 100_000);
	writeBytes(path.join(root, 'small'), 7);
	fs.symlinkSync(outside, path.join(root, 'elsewhere'));

	t.is(directorySize(root).bytes, 7);
	// The target itself is measured when asked for directly.
	t.is(directorySize(outside).bytes, 100_000);
});

test('terminates on symlink loops', (t) => {
	const root = temporaryDirectory(t);
	writeBytes(path.join(root, 'sub', 'file'), 50);
	fs.symlinkSync(root, path.join(root, 'sub', 'back-to-root'));
	fs.symlinkSync('..', path.join(root, 'sub', 'parent'));
	fs.symlinkSync('self', path.join(root, 'self'));
	fs.symlinkSync('ping', path.join(root, 'pong'));
	fs.symlinkSync('pong', path.join(root, 'ping'));

	const result = directorySize(root);
	t.is(result.bytes, 50);
	t.is(result.files, 1);
});

test('measures through a root that is itself a symlink to a directory', (t) => {
	const base = temporaryDirectory(t);
	writeBytes(path.join(base, 'real', 'f'), 77);
	fs.symlinkSync(path.join(base, 'real'), path.join(base, 'alias'));

	t.is(directorySize(path.join(base, 'alias')).bytes, 77);
});

test('a missing root is a problem, not an exception', (t) => {
	const base = temporaryDirectory(t);
	const result = directorySize(path.join(base, 'nope'));
	t.is(result.bytes, 0);
	t.is(result.problems.length, 1);
	t.regex(result.problems[0] ?? '', /nope/);
});

test('an unreadable subdirectory is reported and the rest is still counted', (t) => {
	const root = temporaryDirectory(t);
	// World-traversable so an unprivileged walker can reach everything but the locked folder.
	fs.chmodSync(root, 0o755);
	writeBytes(path.join(root, 'open', 'a'), 300);
	writeBytes(path.join(root, 'b'), 20);
	const locked = path.join(root, 'locked');
	writeBytes(path.join(locked, 'secret'), 9999);
	for (const dir of [path.join(root, 'open'), root]) {
		fs.chmodSync(dir, 0o755);
	}

	fs.chmodSync(locked, 0o000);
	t.teardown(() => {
		fs.chmodSync(locked, 0o755);
	});

	let result: {bytes: number; files: number; problems: string[]};
	if (process.getuid?.() === 0) {
		// Root reads through mode 000, so walk in a child that drops to `nobody` after loading the module.
		const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('nobody:'));
		const [, , uid, gid] = passwd?.split(':') ?? [];
		t.truthy(uid, 'no `nobody` user to drop privileges to');
		const moduleUrl = new URL('../../../source/collect/directory-size.ts', import.meta.url).href;
		const script = [
			`import {directorySize} from ${JSON.stringify(moduleUrl)};`,
			'process.setgroups([]);',
			`process.setgid(${Number(gid)});`,
			`process.setuid(${Number(uid)});`,
			`process.stdout.write(JSON.stringify(directorySize(${JSON.stringify(root)})));`,
		].join('\n');
		const child = spawnSync(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], {
			cwd: projectRoot,
			encoding: 'utf8',
			timeout: 60_000,
		});
		t.is(child.status, 0, child.stderr);
		result = JSON.parse(child.stdout) as typeof result;
		// Sanity: as root the same tree is fully readable, so the difference is the permission.
		t.is(directorySize(root).bytes, 300 + 20 + 9999);
	} else {
		result = directorySize(root);
	}

	t.is(result.bytes, 320);
	t.is(result.files, 2);
	t.deepEqual(result.problems, [`cannot read ${locked} (EACCES)`]);
});

test('a file replaced by a directory is measured as the directory on the next walk', (t) => {
	const root = temporaryDirectory(t);
	const target = path.join(root, 'target');
	writeBytes(target, 10);
	writeBytes(path.join(root, 'keep'), 1);
	t.is(directorySize(root).bytes, 11);

	fs.rmSync(target);
	writeBytes(path.join(target, 'inner1'), 100);
	writeBytes(path.join(target, 'inner2'), 200);
	t.is(directorySize(root).bytes, 301);

	fs.rmSync(target, {recursive: true});
	writeBytes(target, 5);
	t.is(directorySize(root).bytes, 6);
});

test('a file replaced by a directory between readdir and lstat is walked as a directory', (t) => {
	const root = temporaryDirectory(t);
	const target = path.join(root, 'swapped');
	writeBytes(target, 10);
	writeBytes(path.join(root, 'keep'), 1);
	const io: WalkIo = {
		readdir: realIo.readdir,
		lstat(file) {
			if (file === target && fs.lstatSync(file).isFile()) {
				fs.rmSync(file);
				writeBytes(path.join(file, 'inside'), 40);
			}

			return realIo.lstat(file);
		},
	};

	const result = directorySize(root, io);
	t.is(result.bytes, 41);
	t.deepEqual(result.problems, []);
});

test('a directory replaced by a file between listing and reading is counted as the file', (t) => {
	const root = temporaryDirectory(t);
	const target = path.join(root, 'was-dir');
	writeBytes(path.join(target, 'inside'), 40);
	writeBytes(path.join(root, 'keep'), 1);
	const io: WalkIo = {
		readdir(dir) {
			if (dir === target && fs.lstatSync(dir).isDirectory()) {
				fs.rmSync(dir, {recursive: true});
				writeBytes(dir, 8);
			}

			return realIo.readdir(dir);
		},
		lstat: realIo.lstat,
	};

	const result = directorySize(root, io);
	t.is(result.bytes, 9);
	t.deepEqual(result.problems, []);
});

test('a file deleted mid-walk is reported and the walk goes on', (t) => {
	const root = temporaryDirectory(t);
	const doomed = path.join(root, 'a', 'doomed');
	writeBytes(doomed, 1000);
	writeBytes(path.join(root, 'a', 'stays'), 3);
	writeBytes(path.join(root, 'z', 'also-stays'), 4);
	const io: WalkIo = {
		readdir: realIo.readdir,
		lstat(file) {
			if (file === doomed) {
				fs.rmSync(file, {force: true});
			}

			return realIo.lstat(file);
		},
	};

	const result = directorySize(root, io);
	t.is(result.bytes, 7);
	t.is(result.files, 2);
	t.deepEqual(result.problems, [`vanished during walk: ${doomed}`]);
});

test('a directory deleted mid-walk is reported and the walk goes on', (t) => {
	const root = temporaryDirectory(t);
	const doomed = path.join(root, 'gone');
	writeBytes(path.join(doomed, 'x'), 1000);
	writeBytes(path.join(root, 'stays'), 3);
	const io: WalkIo = {
		readdir(dir) {
			if (dir === doomed) {
				fs.rmSync(dir, {recursive: true, force: true});
			}

			return realIo.readdir(dir);
		},
		lstat: realIo.lstat,
	};

	const result = directorySize(root, io);
	t.is(result.bytes, 3);
	t.deepEqual(result.problems, [`vanished during walk: ${doomed}`]);
});

test('the problem list stays short when many entries fail', (t) => {
	const root = temporaryDirectory(t);
	for (let i = 0; i < 50; i++) {
		writeBytes(path.join(root, `f${i}`), 1);
	}

	const io: WalkIo = {readdir: realIo.readdir, lstat: () => undefined};
	const result = directorySize(root, io);
	t.is(result.bytes, 0);
	t.is(result.problems.length, 21);
	t.is(result.problems.at(-1), 'and 30 more');
});

test('walks a tree far deeper than the call stack would allow', (t) => {
	// No real path can be this deep (PATH_MAX), so the tree is virtual: each level holds one file and
	// one subdirectory. The subdirectory is named '.' so paths stay short (joining it is a no-op) and
	// the test stays fast; the level is the number of directories listed so far.
	const depth = 200_000;
	const entry = (name: string, directory: boolean): WalkEntry => ({
		name,
		isFile: () => !directory,
		isDirectory: () => directory,
	});
	let listed = 0;
	let fileIno = 0;
	const io: WalkIo = {
		readdir() {
			listed++;
			return listed <= depth ? [entry('f', false), entry('.', true)] : [entry('f', false)];
		},
		lstat: (): WalkStats => ({size: 3, nlink: 1, dev: 1, ino: ++fileIno, isFile: () => true, isDirectory: () => false}),
	};

	const result = directorySize('/v', io);
	t.is(listed, depth + 1);
	t.is(result.files, depth + 1);
	t.is(result.bytes, 3 * (depth + 1));
});
