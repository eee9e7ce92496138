import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describeError, errorCode, FolderError, oneLine} from '../safe-fs/errors.js';
import {checkFolder, SafeFolder} from '../safe-fs/safe-folder.js';
import {openForAppend} from '../safe-fs/safe-open.js';

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * Parent of the default session folders and, unless LOGS_DIRECTORY says otherwise, of the log
 * file. Root records where atop and sysstat do, in a root-owned folder outside world-writable
 * space: the original's `/tmp/process_metrics` could be created (and then steered) by any local
 * user before root's first run, and no variable steers where root writes. Another user records in
 * systemd's STATE_DIRECTORY when it runs as a service (see serviceFolder), else in their own state
 * folder (XDG base directories). No TMPDIR, no variable of ours. Throws a FolderError when
 * STATE_DIRECTORY names a folder that cannot be trusted.
 */
export function defaultStateRoot(uid: number = process.geteuid?.() ?? 0): string {
	if (uid === 0) {
		return '/var/log/wazuh-metrics';
	}

	const service = serviceFolder('STATE_DIRECTORY', uid);
	if (service !== undefined) {
		return service;
	}

	const xdg = process.env.XDG_STATE_HOME;
	if (xdg !== undefined && path.isAbsolute(xdg)) {
		return path.join(xdg, 'wazuh-metrics');
	}

	return path.join(homeFolder(), '.local', 'state', 'wazuh-metrics');
}

/**
 * The log file's folder: root's state root as root; for another user LOGS_DIRECTORY (systemd's
 * LogsDirectory=) when set, else the state root. `stateRoot` is only called when needed, so a
 * service given LOGS_DIRECTORY and recording nowhere by default never needs a home.
 */
export function defaultLogFolder(stateRoot: () => string = () => defaultStateRoot(), uid: number = process.geteuid?.() ?? 0): string {
	return (uid === 0 ? undefined : serviceFolder('LOGS_DIRECTORY', uid)) ?? stateRoot();
}

/**
 * A folder systemd made for the service (StateDirectory=, LogsDirectory=) and named in `variable`:
 * the first of its colon-separated paths. Undefined when unset or empty, and always for root (no
 * environment steers where root writes). It must be absolute, exist, be a folder (not a link),
 * belong to the running user and be writable by nobody else, as systemd makes it; anything else
 * is a FolderError (one line, exit 2), never a fallback to another folder.
 */
export function serviceFolder(variable: 'STATE_DIRECTORY' | 'LOGS_DIRECTORY', uid: number = process.geteuid?.() ?? 0): string | undefined {
	const raw = process.env[variable];
	if (uid === 0 || raw === undefined || raw === '') {
		return undefined;
	}

	const folder = raw.split(':')[0]!;
	const refuse = (reason: string, code = 'EUNSAFE'): FolderError => new FolderError(folder, code, `${variable}: refusing ${oneLine(folder)}: ${reason}`);
	if (!path.isAbsolute(folder)) {
		throw refuse('not an absolute path', 'EINVAL');
	}

	let stats: fs.Stats;
	try {
		stats = fs.lstatSync(folder);
	} catch (error) {
		throw refuse(describeError(error), errorCode(error));
	}

	if (stats.isSymbolicLink()) {
		throw refuse('it is a symbolic link');
	}

	if (!stats.isDirectory()) {
		throw refuse('it is not a directory', 'ENOTDIR');
	}

	if (stats.uid !== uid) {
		throw refuse(`it is owned by uid ${stats.uid}, not by the running user (uid ${uid})`);
	}

	if ((stats.mode & 0o022) !== 0) {
		throw refuse(`it is writable by ${(stats.mode & 0o002) === 0 ? 'its group' : 'other users'}`);
	}

	// The folders above it as for any folder written into (root's or ours, not writable by others).
	try {
		checkFolder(path.dirname(folder));
	} catch (error) {
		throw refuse(error instanceof Error ? error.message.replace(/^refusing to write to \S+: /, '') : String(error));
	}

	return path.resolve(folder);
}

/**
 * Parent of the demo's session folders and of its log: the demo is not a recording of this host,
 * so it never goes into the system state folder, even as root. `<home>/.local/state/wazuh-metrics/demo`,
 * the home from the password database (root's is /root); for other users their state folder's
 * `demo` (XDG_STATE_HOME as for their real recordings). No variable steers where root writes.
 */
export function demoStateRoot(uid: number = process.geteuid?.() ?? 0): string {
	return uid === 0 ? path.join(homeFolder(), '.local', 'state', 'wazuh-metrics', 'demo') : path.join(defaultStateRoot(uid), 'demo');
}

/** From the password database, which a changed HOME cannot redirect; HOME when there is no entry. */
function homeFolder(): string {
	try {
		return os.userInfo().homedir;
	} catch {
		return os.homedir();
	}
}

/** `<root>/<dd-mm-YYYY>/<epoch seconds>`, the original's default layout, in local time. */
export function defaultProcessFolder(now: Date = new Date(), root: string = defaultStateRoot()): string {
	const day = `${pad(now.getDate())}-${pad(now.getMonth() + 1)}-${now.getFullYear()}`;
	return path.join(root, day, String(Math.floor(now.getTime() / 1000)));
}

/** `<session>/files`: where disk CSVs go without `--store-disk`. */
export function defaultDiskFolder(sessionFolder: string): string {
	return path.join(sessionFolder, 'files');
}

export type SessionFolderOptions = {
	/**
	 * True for the generated default folder: it must be a new one, so a second run started in the same
	 * second gets `<epoch>_2` (then `_3`, ...) instead of crashing or mixing its rows into the first's.
	 * False for a folder the user named: it is reused and its CSVs are appended to.
	 */
	readonly unique: boolean;
};

/** Enough for any number of runs started in one second; a bound so a broken folder cannot loop forever. */
const maxSuffix = 10_000;

/**
 * Creates the session folder (and its parents) and checks it can be written. Returns the folder
 * actually used, which differs from `folder` only when `unique` had to add a suffix.
 * Throws a FolderError with a one-line message when the folder cannot be created or written.
 */
export function createSessionFolder(folder: string, options: SessionFolderOptions): string {
	const target = path.resolve(folder);
	if (!options.unique) {
		assertWritable(target);
		return target;
	}

	// Checked from / down, missing folders created 0700: the day folder must be ours before a
	// session folder is claimed in it.
	new SafeFolder(path.dirname(target)).ensure();
	for (let suffix = 1; suffix <= maxSuffix; suffix++) {
		const candidate = suffix === 1 ? target : `${target}_${suffix}`;
		try {
			// A non-recursive mkdir fails with EEXIST when the folder exists: the claim is atomic, so two
			// runs racing for the same second cannot both get the same folder.
			fs.mkdirSync(candidate, {mode: 0o700});
		} catch (error) {
			if (errorCode(error) === 'EEXIST') {
				continue;
			}

			throw FolderError.from(candidate, error);
		}

		try {
			// mkdir's mode is cut by the umask.
			fs.chmodSync(candidate, 0o700);
		} catch (error) {
			throw FolderError.from(candidate, error);
		}

		assertWritable(candidate);
		return candidate;
	}

	throw new FolderError(folder, 'EEXIST', `cannot create ${folder}: ${maxSuffix} folders with that name exist`);
}

/**
 * Creates `folder` (with its parents, 0700) if needed, checks every folder from / down (see
 * safe-folder.ts) and proves it writable by creating and removing a probe file, since permission
 * bits alone do not tell (read-only mounts, ACLs, root on NFS). Returns the checked folder.
 */
export function assertWritable(folder: string): SafeFolder {
	const safe = new SafeFolder(folder);
	const probe = path.join(safe.path, `.wazuh-metrics-probe-${process.pid}-${Date.now()}`);
	let created = false;
	try {
		// Exclusive, so the probe can never clobber a file of the same name.
		const {fd} = openForAppend(probe, safe, {exclusive: true});
		created = true;
		try {
			fs.writeSync(fd, 'probe\n');
		} finally {
			fs.closeSync(fd);
		}

		fs.unlinkSync(probe);
	} catch (error) {
		if (created) {
			// A full disk lets the probe be created but not written: do not leave it behind.
			fs.rmSync(probe, {force: true});
		}

		throw error instanceof FolderError ? error : FolderError.from(folder, error);
	}

	return safe;
}
