import fs from 'node:fs';
import path from 'node:path';
import {describeError, oneLine} from '../safe-fs/errors.js';
import {checkFolder} from '../safe-fs/safe-folder.js';
import {sessionFileName} from './session-file-writer.js';

/*
 * --retain DAYS: the tool removes its own old session folders, `<root>/<dd-mm-YYYY>/<epoch>[_n]`
 * (session-folder.ts), under its default state root, and the day folders left empty. Only what it
 * recognises as its own: the exact name patterns; a folder, never a link, owned by the running user
 * and writable by nobody else, at every level; inside, only this tool's files (session.json saying
 * `"tool": "wazuh-metrics"`, CSVs, a leftover write probe) and its `files/` and `stats/` folders
 * holding only CSVs. Anything else in a session folder keeps the whole folder. Every entry is
 * lstat'ed (links are never followed) and removed by unlink/rmdir of a name inside a folder that
 * only the running user (or root) can change, so nothing can be swapped in between the check and
 * the removal.
 */

const dayPattern = /^(\d{2})-(\d{2})-(\d{4})$/;
const sessionPattern = /^(\d{1,12})(?:_\d{1,6})?$/;
const csvPattern = /\.csv$/;
const probePattern = /^\.wazuh-metrics-probe-/;
/** Subfolders a session folder may hold (disk and statistics CSVs by default). */
const subfolders = new Set(['files', 'stats']);
/** A session.json larger than this is not ours (ours is well under a kilobyte). */
const maxSessionFile = 64 * 1024;
const dayMs = 86_400_000;

export type RetentionOptions = {
	/** The default state root (session-folder.ts), already checked. */
	readonly root: string;
	/** Session folders older than this many days go. */
	readonly days: number;
	/** The running session's folder: never removed. */
	readonly keep?: string;
	/** Now, in ms (tests). */
	readonly now?: number;
	/** One line per removal, and per folder kept for a reason worth saying. */
	readonly log: (level: 'info' | 'warn', message: string) => void;
};

export type RetentionResult = {readonly removed: readonly string[]; readonly kept: readonly string[]};

const euid = (): number => process.geteuid?.() ?? 0;

/** Why the lstat of a folder is not ours to clean; undefined when it is. */
function notOurFolder(stats: fs.Stats): string | undefined {
	if (stats.isSymbolicLink()) {
		return 'is a symbolic link';
	}

	if (!stats.isDirectory()) {
		return 'is not a folder';
	}

	if (stats.uid !== euid()) {
		return `is owned by uid ${stats.uid}`;
	}

	if ((stats.mode & 0o022) !== 0) {
		return 'is writable by others';
	}

	return undefined;
}

/** True when `file` (lstat'ed as a regular file of ours) is a session.json this tool wrote. */
function isOurSessionFile(file: string): boolean {
	let fd: number;
	try {
		fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
	} catch {
		return false;
	}

	try {
		const stats = fs.fstatSync(fd);
		if (!stats.isFile() || stats.size > maxSessionFile) {
			return false;
		}

		const content = JSON.parse(fs.readFileSync(fd, 'utf8')) as unknown;
		return typeof content === 'object' && content !== null && (content as {tool?: unknown}).tool === 'wazuh-metrics';
	} catch {
		return false;
	} finally {
		fs.closeSync(fd);
	}
}

type Plan = {
	/** Files to unlink, then folders to rmdir (deepest first). */
	readonly files: string[];
	readonly folders: string[];
	/** Newest mtime of the folder and everything in it. */
	newest: number;
};

/**
 * What removing `folder` takes, or why it is not ours. `depth` 0 is the session folder, 1 one of
 * its subfolders (which may only hold CSVs).
 */
function plan(folder: string, depth: number, result: Plan): string | undefined {
	const stats = fs.lstatSync(folder);
	const reason = notOurFolder(stats);
	if (reason !== undefined) {
		return `${oneLine(folder)} ${reason}`;
	}

	result.newest = Math.max(result.newest, stats.mtimeMs);
	for (const name of fs.readdirSync(folder)) {
		const entry = path.join(folder, name);
		const entryStats = fs.lstatSync(entry);
		if (entryStats.isDirectory() && depth === 0 && subfolders.has(name)) {
			const why = plan(entry, 1, result);
			if (why !== undefined) {
				return why;
			}

			continue;
		}

		const ours = entryStats.isFile() && entryStats.uid === euid()
			&& (csvPattern.test(name) || probePattern.test(name) || (depth === 0 && name === sessionFileName && isOurSessionFile(entry)));
		if (!ours) {
			return `${oneLine(entry)} ${entryStats.isSymbolicLink() ? 'is a symbolic link' : 'is not a file of this tool'}`;
		}

		result.newest = Math.max(result.newest, entryStats.mtimeMs);
		result.files.push(entry);
	}

	result.folders.push(folder);
	return undefined;
}

/** The end of day folder `dd-mm-YYYY` (local time, as session-folder.ts names them), in ms. */
function dayEnd(match: RegExpExecArray): number {
	return new Date(Number(match[3]), Number(match[2]) - 1, Number(match[1]) + 1).getTime();
}

/**
 * Removes the session folders under `root` that started more than `days` ago and were not
 * written to since (the newest mtime inside, so another run still recording into an old folder
 * keeps it), then the day folders left empty whose whole day is that old. Never throws: what
 * cannot be read or removed is logged and left.
 */
export function pruneSessions(options: RetentionOptions): RetentionResult {
	const {root, days, log} = options;
	const cutoff = (options.now ?? Date.now()) - days * dayMs;
	const keep = options.keep === undefined ? undefined : path.resolve(options.keep);
	const removed: string[] = [];
	const kept: string[] = [];
	try {
		checkFolder(root);
		const reason = notOurFolder(fs.lstatSync(root));
		if (reason !== undefined) {
			log('warn', `--retain: nothing removed: ${oneLine(root)} ${reason}`);
			return {removed, kept};
		}
	} catch (error) {
		log('warn', `--retain: nothing removed: ${error instanceof Error ? oneLine(error.message) : String(error)}`);
		return {removed, kept};
	}

	let dayNames: string[];
	try {
		dayNames = fs.readdirSync(root).sort();
	} catch (error) {
		log('warn', `--retain: nothing removed: cannot list ${oneLine(root)}: ${describeError(error)}`);
		return {removed, kept};
	}

	for (const day of dayNames) {
		const dayMatch = dayPattern.exec(day);
		const dayFolder = path.join(root, day);
		let names: string[];
		try {
			if (dayMatch === null || notOurFolder(fs.lstatSync(dayFolder)) !== undefined) {
				continue;
			}

			names = fs.readdirSync(dayFolder).sort();
		} catch {
			continue; // Gone meanwhile, or unreadable: not ours to judge.
		}

		for (const name of names) {
			const epoch = sessionPattern.exec(name)?.[1];
			const folder = path.join(dayFolder, name);
			if (epoch === undefined || folder === keep || Number(epoch) * 1000 > cutoff) {
				continue;
			}

			const steps: Plan = {files: [], folders: [], newest: 0};
			let why: string | undefined;
			try {
				why = plan(folder, 0, steps);
			} catch (error) {
				why = `${oneLine(folder)}: ${describeError(error)}`;
			}

			if (why === undefined && steps.newest > cutoff) {
				continue; // Written to within the period: still in use, or an old folder reused.
			}

			if (why !== undefined) {
				kept.push(folder);
				const prefix = oneLine(folder);
				const short = why.startsWith(`${prefix}/`) ? why.slice(prefix.length + 1) : why.replace(`${prefix} `, 'it ');
				log('warn', `--retain: kept ${prefix}: ${short}`);
				continue;
			}

			try {
				for (const file of steps.files) {
					fs.unlinkSync(file);
				}

				for (const each of steps.folders) {
					fs.rmdirSync(each);
				}

				removed.push(folder);
				log('info', `--retain: removed ${oneLine(folder)} (started ${new Date(Number(epoch) * 1000).toISOString()}, ${steps.files.length} files, older than ${days} days)`);
			} catch (error) {
				kept.push(folder);
				log('warn', `--retain: could not remove all of ${oneLine(folder)}: ${describeError(error)}`);
			}
		}

		// A day folder is only removed once its whole day is past the period: never today's, where
		// a run may be about to create its session folder.
		if (dayEnd(dayMatch) <= cutoff) {
			try {
				if (fs.readdirSync(dayFolder).length === 0) {
					fs.rmdirSync(dayFolder);
					log('info', `--retain: removed the empty day folder ${oneLine(dayFolder)}`);
				}
			} catch (error) {
				log('warn', `--retain: could not remove ${oneLine(dayFolder)}: ${describeError(error)}`);
			}
		}
	}

	return {removed, kept};
}
