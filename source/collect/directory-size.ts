import fs from 'node:fs';
import path from 'node:path';

export type DirectorySize = {
	/** Sum of the apparent sizes (`st_size`) of the regular files below the directory. */
	bytes: number;
	/** Regular files counted (a file with several hard links counts once). */
	files: number;
	/** Entries that could not be read; the walk skipped them and went on, so `bytes` is a lower bound. */
	problems: string[];
};

/** The parts of a directory entry the walk looks at. */
export type WalkEntry = Pick<fs.Dirent, 'name' | 'isFile' | 'isDirectory'>;

/** The parts of `lstat` the walk looks at. */
export type WalkStats = Pick<fs.Stats, 'size' | 'nlink' | 'dev' | 'ino' | 'isFile' | 'isDirectory'>;

/**
 * The two file-system calls the walk makes; replaceable so tests can change the tree mid-walk or
 * feed it a tree deeper than any real path allows.
 */
export type WalkIo = {
	readdir: (dir: string) => readonly WalkEntry[];
	/** Returns undefined when the entry no longer exists. */
	lstat: (file: string) => WalkStats | undefined;
};

const realIo: WalkIo = {
	readdir: (dir) => fs.readdirSync(dir, {withFileTypes: true}),
	lstat: (file) => fs.lstatSync(file, {throwIfNoEntry: false}),
};

/** A tree with thousands of unreadable entries must not produce a thousand-line problem list. */
const maxProblems = 20;

/**
 * Size of a directory the way `du --apparent-size` sees file contents: only regular files count,
 * each with its `st_size`; the directories' own entries and symlinks themselves add nothing.
 * Symlinks are never followed (so a symlinked directory is not entered and a symlink loop cannot
 * loop), and a file with several hard links is counted once. The walk uses an explicit stack, so
 * tree depth is not limited by the call stack. A root that is itself a symlink to a directory is
 * read through (readdir follows it); everything below is taken as it is.
 */
export function directorySize(root: string, io: WalkIo = realIo): DirectorySize {
	let bytes = 0;
	let files = 0;
	const problems: string[] = [];
	let omitted = 0;
	const problem = (text: string): void => {
		if (problems.length < maxProblems) {
			problems.push(text);
		} else {
			omitted++;
		}
	};

	// Only inodes with more than one link can be met twice, so only those are remembered: keeps the
	// set small on ordinary trees of 100,000 single-link files.
	const linked = new Set<string>();
	const countFile = (stats: WalkStats): void => {
		if (stats.nlink > 1) {
			const key = `${stats.dev}:${stats.ino}`;
			if (linked.has(key)) {
				return;
			}

			linked.add(key);
		}

		bytes += stats.size;
		files++;
	};

	const pending: string[] = [root];
	for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
		let entries: readonly WalkEntry[];
		try {
			entries = io.readdir(dir);
		} catch (error) {
			const code = errorCode(error);
			if (code === 'ENOTDIR' && dir !== root) {
				// Was a directory when its parent was listed and has since been replaced by a file.
				const stats = io.lstat(dir);
				if (stats?.isFile()) {
					countFile(stats);
					continue;
				}
			}

			problem(code === 'ENOENT' ? `vanished during walk: ${dir}` : `cannot read ${dir} (${code})`);
			continue;
		}

		for (const entry of entries) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				pending.push(full);
				continue;
			}

			// Symlinks, sockets, FIFOs and devices hold no file content of their own.
			if (!entry.isFile()) {
				continue;
			}

			let stats: WalkStats | undefined;
			try {
				stats = io.lstat(full);
			} catch (error) {
				problem(`cannot stat ${full} (${errorCode(error)})`);
				continue;
			}

			if (stats === undefined) {
				problem(`vanished during walk: ${full}`);
			} else if (stats.isFile()) {
				countFile(stats);
			} else if (stats.isDirectory()) {
				// Replaced by a directory between readdir and lstat: walk it like any other.
				pending.push(full);
			}
		}
	}

	if (omitted > 0) {
		problems.push(`and ${omitted} more`);
	}

	return {bytes, files, problems};
}

function errorCode(error: unknown): string {
	if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
		return error.code;
	}

	return String(error);
}
