import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {FolderError} from '../../../source/safe-fs/errors.js';
import {assertWritable, createSessionFolder, defaultDiskFolder, defaultLogFolder, defaultProcessFolder, defaultStateRoot} from '../../../source/recorder/session-folder.js';
import {user} from '../../helpers/harden.js';

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-session-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

test('default folder: <state root>/<dd-mm-YYYY>/<epoch seconds>, local date', t => {
	const now = new Date(2024, 0, 2, 3, 4, 5, 678);
	const epoch = Math.floor(now.getTime() / 1000);
	t.is(defaultProcessFolder(now), path.join(defaultStateRoot(), '02-01-2024', String(epoch)));
	t.is(defaultProcessFolder(now, '/var/log/wazuh-metrics'), `/var/log/wazuh-metrics/02-01-2024/${epoch}`);
	t.is(defaultProcessFolder(new Date(2025, 11, 31, 23, 59, 59)).split(path.sep).at(-2), '31-12-2025');
	t.is(defaultDiskFolder('/s/1'), '/s/1/files');
});

test('state root: /var/log/wazuh-metrics for root; the user\'s XDG state folder otherwise, never TMPDIR', t => {
	const saved = {xdg: process.env.XDG_STATE_HOME, tmp: process.env.TMPDIR};
	t.teardown(() => {
		for (const [name, value] of [['XDG_STATE_HOME', saved.xdg], ['TMPDIR', saved.tmp]] as const) {
			if (value === undefined) {
				delete process.env[name];
			} else {
				process.env[name] = value;
			}
		}
	});
	process.env.TMPDIR = '/somewhere/else';
	process.env.XDG_STATE_HOME = '/state/home';
	t.is(defaultStateRoot(0), '/var/log/wazuh-metrics');
	t.is(defaultStateRoot(1000), '/state/home/wazuh-metrics');
	// Relative or empty: ignored, as the XDG specification says.
	const home = os.userInfo().homedir;
	process.env.XDG_STATE_HOME = 'relative';
	t.is(defaultStateRoot(1000), path.join(home, '.local', 'state', 'wazuh-metrics'));
	delete process.env.XDG_STATE_HOME;
	t.is(defaultStateRoot(1000), path.join(home, '.local', 'state', 'wazuh-metrics'));
});

test('folders are created 0700 whatever the umask', t => {
	const base = path.join(temporaryFolder(t), 'root', '02-01-2024', '1704164645');
	const umask = process.umask(0);
	let folder: string;
	try {
		folder = createSessionFolder(base, {unique: true});
	} finally {
		process.umask(umask);
	}

	for (const each of [folder, path.dirname(folder), path.dirname(path.dirname(folder))]) {
		t.is(fs.statSync(each).mode & 0o777, 0o700, each);
	}
});

test('a folder that is a symlink, writable by others, or on a path through one is refused with one line', t => {
	const base = temporaryFolder(t);
	const real = path.join(base, 'real');
	fs.mkdirSync(real, {mode: 0o700});
	fs.symlinkSync(real, path.join(base, 'link'));
	const open = path.join(base, 'open');
	fs.mkdirSync(open);
	fs.chmodSync(open, 0o777);
	const sticky = path.join(base, 'sticky');
	fs.mkdirSync(sticky);
	fs.chmodSync(sticky, 0o1777);
	const cases: Array<[string, RegExp]> = [
		[path.join(base, 'link'), /: it is a symbolic link/],
		[path.join(base, 'link', 'sub'), /link is a symbolic link/],
		[open, /: it is writable by other users/],
		[path.join(open, 'sub'), /open is writable by other users/],
		// A sticky folder like /tmp: fine above, never the folder written into.
		[sticky, /: it is writable by other users/],
	];
	for (const [folder, message] of cases) {
		const error = t.throws(() => assertWritable(folder), {instanceOf: FolderError}, folder);
		t.regex(error.message, message);
		t.regex(error.message, /^refusing to write to /);
		t.false(error.message.includes('\n'));
	}

	t.notThrows(() => assertWritable(path.join(sticky, 'ours')));
	t.deepEqual(fs.readdirSync(real), [], 'nothing was created through the link');
});

test('runs started in the same second get distinct default folders', t => {
	const base = path.join(temporaryFolder(t), 'process_metrics', '02-01-2024', '1704164645');
	const first = createSessionFolder(base, {unique: true});
	const second = createSessionFolder(base, {unique: true});
	const third = createSessionFolder(base, {unique: true});
	t.deepEqual([first, second, third], [base, `${base}_2`, `${base}_3`]);
	for (const folder of [first, second, third]) {
		t.true(fs.statSync(folder).isDirectory());
		t.deepEqual(fs.readdirSync(folder), [], 'the write probe is removed');
	}
});

test('processes racing for the same second never share a folder', async t => {
	const base = path.join(temporaryFolder(t), 'race', '1704164645');
	const module = new URL('../../../source/recorder/session-folder.ts', import.meta.url).href;
	const code = `const {createSessionFolder} = await import(${JSON.stringify(module)}); process.stdout.write(createSessionFolder(${JSON.stringify(base)}, {unique: true}));`;
	const runs = Array.from({length: 6}, async () => new Promise<string>((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {cwd: new URL('../../..', import.meta.url)});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', status => {
			if (status === 0) {
				resolve(out);
			} else {
				reject(new Error(`exit ${status}`));
			}
		});
	}));
	const folders = await Promise.all(runs);
	t.is(new Set(folders).size, 6);
	t.is(fs.readdirSync(path.dirname(base)).length, 6);
});

test('an explicit folder is created with its parents, or reused as it is', t => {
	const folder = path.join(temporaryFolder(t), 'a', 'b', 'c');
	t.is(createSessionFolder(folder, {unique: false}), folder);
	fs.writeFileSync(path.join(folder, 'wazuh-db.csv'), 'kept\n');
	t.is(createSessionFolder(folder, {unique: false}), folder);
	t.is(fs.readFileSync(path.join(folder, 'wazuh-db.csv'), 'utf8'), 'kept\n');
});

test('a folder under a regular file is a FolderError with one clear line', t => {
	const file = path.join(temporaryFolder(t), 'somefile');
	fs.writeFileSync(file, '');
	const folder = path.join(file, 'sub');
	const error = t.throws(() => {
		assertWritable(folder);
	}, {instanceOf: FolderError});
	t.is(error.message, `cannot write to ${folder}: ${file} is not a directory (ENOTDIR)`);
	t.is(error.code, 'ENOTDIR');
	t.is(error.path, folder);

	const onFile = t.throws(() => createSessionFolder(file, {unique: false}), {instanceOf: FolderError});
	t.is(onFile.message, `cannot write to ${file}: not a directory (ENOTDIR)`);
	t.throws(() => createSessionFolder(path.join(folder, '123'), {unique: true}), {instanceOf: FolderError, message: /ENOTDIR/});
});

test('a folder under /proc fails at once (Node 20 recursive mkdir would spin there forever)', t => {
	const error = t.throws(() => {
		assertWritable('/proc/wazuh-metrics-test/sub');
	}, {instanceOf: FolderError});
	t.regex(error.message, /^cannot write to \/proc\/wazuh-metrics-test\/sub: .+ \([A-Z]+\)$/);
});

test('the message stays on one line whatever the path holds', t => {
	const file = path.join(temporaryFolder(t), 'f');
	fs.writeFileSync(file, '');
	const error = t.throws(() => {
		assertWritable(path.join(file, 'new\nline'));
	}, {instanceOf: FolderError});
	t.false(error.message.includes('\n'));
	t.true(error.message.includes('new\\nline'));
});

test('an unwritable folder (EACCES) is reported as permission denied', t => {
	const folder = path.join(temporaryFolder(t), 'locked');
	fs.mkdirSync(folder, {mode: 0o500});
	let denied: FolderError | undefined;
	try {
		assertWritable(path.join(folder, 'sub'));
	} catch (error) {
		denied = error as FolderError;
	}

	// Root writes through mode bits; then the only thing to check is that it worked.
	if (process.getuid?.() === 0) {
		t.is(denied, undefined);
		t.true(fs.statSync(path.join(folder, 'sub')).isDirectory());
	} else {
		t.is(denied?.message, `cannot write to ${path.join(folder, 'sub')}: permission denied (EACCES)`);
	}
});

/** Sets environment variables for one test, restored after it. */
function withEnvironment(t: ExecutionContext, values: Record<string, string | undefined>): void {
	const saved = Object.fromEntries(Object.keys(values).map(name => [name, process.env[name]]));
	t.teardown(() => {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) {
				delete process.env[name];
			} else {
				process.env[name] = value;
			}
		}
	});
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined) {
			delete process.env[name];
		} else {
			process.env[name] = value;
		}
	}
}

test('STATE_DIRECTORY and LOGS_DIRECTORY (systemd): the first path, for a user other than root only, no home needed', t => {
	// As root, the folders are given to nobody and the lookup is made for nobody's uid.
	const owner = process.geteuid!() === 0 ? user('nobody') : {uid: process.geteuid!(), gid: process.getegid!()};
	if (owner === undefined) {
		t.false(Boolean(process.env.CI), 'CI has the user nobody');
		t.log('not run here: no user nobody');
		t.pass();
		return;
	}

	const base = temporaryFolder(t);
	fs.chmodSync(base, 0o755);
	const state = path.join(base, 'state');
	const logs = path.join(base, 'logs');
	fs.mkdirSync(state, {mode: 0o755});
	fs.mkdirSync(logs, {mode: 0o700});
	if (process.geteuid!() === 0) {
		fs.chownSync(state, owner.uid, owner.gid);
		fs.chownSync(logs, owner.uid, owner.gid);
	}

	withEnvironment(t, {STATE_DIRECTORY: `${state}:/var/lib/other`, LOGS_DIRECTORY: logs, XDG_STATE_HOME: '/never/used'});
	t.is(defaultStateRoot(owner.uid), state);
	t.is(defaultLogFolder(() => {
		throw new Error('the state root is not needed for the log');
	}, owner.uid), logs);
	// Root: never steered by the environment.
	t.is(defaultStateRoot(0), '/var/log/wazuh-metrics');
	t.is(defaultLogFolder(() => '/var/log/wazuh-metrics', 0), '/var/log/wazuh-metrics');
	// Unset or empty: the state root, and the XDG rule as before.
	withEnvironment(t, {STATE_DIRECTORY: '', LOGS_DIRECTORY: undefined});
	t.is(defaultStateRoot(owner.uid), '/never/used/wazuh-metrics');
	t.is(defaultLogFolder(() => '/the/state/root', owner.uid), '/the/state/root');
});

test('a STATE_DIRECTORY or LOGS_DIRECTORY that cannot be trusted stops the run with one line', t => {
	// As root the variables are ignored: the checks are those of the running user, here uid owner.
	const owner = process.geteuid!() === 0 ? user('nobody') : {uid: process.geteuid!(), gid: process.getegid!()};
	if (owner === undefined) {
		t.false(Boolean(process.env.CI), 'CI has the user nobody');
		t.log('not run here: no user nobody');
		t.pass();
		return;
	}

	const base = temporaryFolder(t);
	fs.chmodSync(base, 0o755);
	const folder = (name: string, mode: number, uid = owner.uid): string => {
		const made = path.join(base, name);
		fs.mkdirSync(made);
		fs.chmodSync(made, mode);
		if (process.geteuid!() === 0) {
			fs.chownSync(made, uid, owner.gid);
		}

		return made;
	};

	const good = folder('good', 0o755);
	fs.symlinkSync(good, path.join(base, 'link'));
	const cases: Array<[string, RegExp]> = [
		['relative/path', /^STATE_DIRECTORY: refusing relative\/path: not an absolute path$/],
		[path.join(base, 'missing'), /: no such file or directory \(ENOENT\)$/],
		[path.join(base, 'link'), /: it is a symbolic link$/],
		[folder('group-writable', 0o775), /: it is writable by its group$/],
		[folder('world-writable', 0o777), /: it is writable by other users$/],
	];
	if (process.geteuid!() === 0) {
		cases.push([folder('roots', 0o755, 0), new RegExp(`: it is owned by uid 0, not by the running user \\(uid ${owner.uid}\\)$`)]);
	}

	for (const [value, message] of cases) {
		withEnvironment(t, {STATE_DIRECTORY: value});
		const error = t.throws(() => defaultStateRoot(owner.uid), {instanceOf: FolderError}, value);
		t.regex(error?.message ?? '', message, value);
		t.false(error?.message.includes('\n'));
	}

	withEnvironment(t, {STATE_DIRECTORY: good, LOGS_DIRECTORY: path.join(base, 'link')});
	t.is(defaultStateRoot(owner.uid), good);
	t.throws(() => defaultLogFolder(() => good, owner.uid), {instanceOf: FolderError, message: /^LOGS_DIRECTORY: refusing .*link: it is a symbolic link$/});
});
