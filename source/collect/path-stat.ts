import fs from 'node:fs';

/** What one `stat` + `statfs` of a tracked path found. */
export type PathStat =
	| {readonly exists: false; readonly problem: string}
	| {
		readonly exists: true;
		readonly isDirectory: boolean;
		/** `st_size`; for a directory only its own entry, not what is below it. */
		readonly size: number;
		readonly mtime: number;
		readonly atime: number;
		readonly ctime: number;
		/** Changes when the path now names another file or directory (replaced, recreated). */
		readonly identity: string;
		/** Total size of the filesystem holding the path; undefined when statfs failed or reports 0. */
		readonly filesystemBytes: number | undefined;
	};

/**
 * Stats a tracked top-level path. A symlink given as a tracked path is followed: the user named it
 * to watch what it points at (a `logs` link to a log directory), so sizes, times and the filesystem
 * are the target's. A dangling symlink is reported as missing. Below a tracked directory nothing is
 * followed (see directorySize).
 */
export function statPath(absolute: string): PathStat {
	let stats: fs.Stats | undefined;
	try {
		stats = fs.statSync(absolute, {throwIfNoEntry: false});
	} catch (error) {
		const code = errorCode(error);
		// A component of the path is a file: the path cannot exist until that changes.
		if (code === 'ENOTDIR') {
			return {exists: false, problem: 'missing'};
		}

		return {exists: false, problem: `cannot stat (${code})`};
	}

	if (stats === undefined) {
		return {exists: false, problem: 'missing'};
	}

	return {
		exists: true,
		isDirectory: stats.isDirectory(),
		size: stats.size,
		mtime: stats.mtimeMs,
		atime: stats.atimeMs,
		ctime: stats.ctimeMs,
		identity: `${stats.isDirectory() ? 'd' : 'f'}:${stats.dev}:${stats.ino}`,
		filesystemBytes: filesystemBytes(absolute),
	};
}

function filesystemBytes(absolute: string): number | undefined {
	try {
		// statfs of the path itself finds the right mount even for bind mounts and nested mounts.
		const info = fs.statfsSync(absolute);
		const total = info.blocks * info.bsize;
		return total > 0 ? total : undefined;
	} catch {
		return undefined;
	}
}

function errorCode(error: unknown): string {
	if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
		return error.code;
	}

	return String(error);
}
