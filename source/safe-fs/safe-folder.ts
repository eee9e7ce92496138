import fs from 'node:fs';
import path from 'node:path';
import {errorCode, FolderError, oneLine} from './errors.js';

/*
 * Folders the tool writes into, checked like OpenSSH's safe_path: the tool runs as root, and a
 * folder that anyone else can change is a folder where they choose what root's next open reaches.
 * Node has no openat(), so a file is opened by path; these checks make sure nobody but root and
 * the running user can have changed any folder on that path.
 */

/** New folders: the outputs republish /proc/PID/io and smaps_rollup, which only root may read. */
const folderMode = 0o700;

const euid = (): number => process.geteuid?.() ?? 0;

/**
 * Why `stats` (lstat of a folder) makes it unsafe; undefined when it is fine. Also the rule of the
 * folders above a Wazuh installation (trusted-path.ts).
 */
export function unsafeReason(stats: fs.Stats, isTarget: boolean): string | undefined {
	if (stats.isSymbolicLink()) {
		return 'is a symbolic link (name the real folder)';
	}

	const me = euid();
	if (stats.uid !== 0 && stats.uid !== me) {
		return `is owned by uid ${stats.uid}, not by root${me === 0 ? '' : ` or uid ${me}`}`;
	}

	if ((stats.mode & 0o022) !== 0) {
		// /tmp: anyone may create entries, but only the owner may rename or remove them, so what we
		// create below it stays ours. Never the folder written into itself.
		const sticky = (stats.mode & 0o1000) !== 0;
		if (isTarget || !sticky) {
			return `is writable by ${(stats.mode & 0o002) === 0 ? 'its group' : 'other users'}`;
		}
	}

	return undefined;
}

/** `refusing to write to /a/b/c: /a/b is owned by uid 65534, not by root`: one line, naming the culprit. */
function refuse(target: string, component: string, reason: string): FolderError {
	const culprit = component === target ? 'it' : oneLine(component);
	return new FolderError(target, 'EUNSAFE', `refusing to write to ${oneLine(target)}: ${culprit} ${reason}`);
}

/** Every component from / down to `folder` (absolute), `/` first. */
export function chain(folder: string): string[] {
	const components: string[] = [];
	for (let current = folder; ; current = path.dirname(current)) {
		components.unshift(current);
		if (path.dirname(current) === current) {
			return components;
		}
	}
}

/**
 * lstat of each existing component of `folder` from / down, refusing a symlink, a folder of another
 * user, or one others may write (see unsafeReason). Returns the first missing component's index
 * (components.length when all exist), the components, and the stats of the last existing one.
 */
function checkExisting(folder: string, reportAs: string): {components: string[]; missing: number; last: fs.Stats} {
	const components = chain(folder);
	let last: fs.Stats | undefined;
	for (const [index, component] of components.entries()) {
		let stats: fs.Stats;
		try {
			stats = fs.lstatSync(component);
		} catch (error) {
			if (errorCode(error) === 'ENOENT' && last !== undefined) {
				return {components, missing: index, last};
			}

			throw FolderError.from(reportAs, error);
		}

		if (!stats.isDirectory() && !stats.isSymbolicLink()) {
			// Not an attack, a mistake (a file where a folder was meant): say it the way mkdir would,
			// naming the file in the way when it is not the folder itself.
			const error = FolderError.from(reportAs, Object.assign(new Error('not a directory'), {code: 'ENOTDIR'}));
			throw component === reportAs ? error : new FolderError(reportAs, 'ENOTDIR', error.message.replace(/: not a directory/, `: ${component} is not a directory`));
		}

		const reason = unsafeReason(stats, index === components.length - 1);
		if (reason !== undefined) {
			throw refuse(reportAs, component, reason);
		}

		last = stats;
	}

	return {components, missing: components.length, last: last!};
}

/**
 * Creates one folder 0700 under a checked parent. The mode given to mkdir is cut by the umask, and
 * a folder that already existed (another run won the race) is checked like any other.
 */
function makeOne(folder: string, reportAs: string): void {
	try {
		fs.mkdirSync(folder, {mode: folderMode});
		fs.chmodSync(folder, folderMode);
	} catch (error) {
		if (errorCode(error) !== 'EEXIST') {
			throw FolderError.from(reportAs, error);
		}
	}
}

/**
 * A folder the tool writes into, checked from / down each time before a file in it is opened by
 * path. The first check pins its identity (device and inode): a folder later found with another
 * identity was swapped, and is refused. A folder found missing (removed while recording) is created
 * again by us, and the new one is pinned, since we made it.
 */
export class SafeFolder {
	readonly path: string;
	private identity: {dev: number; ino: number} | undefined;

	constructor(folder: string) {
		this.path = path.resolve(folder);
	}

	/**
	 * Checks the chain, creating missing folders (0700), and that the folder is still the one pinned.
	 * Throws a FolderError with one line when anything is unsafe or cannot be created.
	 */
	ensure(): void {
		let {components, missing, last} = checkExisting(this.path, this.path);
		if (missing < components.length) {
			for (const component of components.slice(missing)) {
				makeOne(component, this.path);
			}

			({missing, last} = checkExisting(this.path, this.path));
			if (missing < components.length) {
				throw FolderError.from(this.path, Object.assign(new Error('removed while being created'), {code: 'ENOENT'}));
			}

			// Ours, made just now: whatever was pinned before is gone.
			this.identity = undefined;
		}

		if (this.identity === undefined) {
			this.identity = {dev: last.dev, ino: last.ino};
		} else if (this.identity.dev !== last.dev || this.identity.ino !== last.ino) {
			throw refuse(this.path, this.path, 'was replaced by another folder while recording');
		}
	}
}

/** Checks `folder` and its chain like SafeFolder.ensure, without creating anything. */
export function checkFolder(folder: string): void {
	const resolved = path.resolve(folder);
	const {components, missing} = checkExisting(resolved, resolved);
	if (missing < components.length) {
		throw FolderError.from(resolved, Object.assign(new Error('missing'), {code: 'ENOENT'}));
	}
}
