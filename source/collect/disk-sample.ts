import path from 'node:path';
import type {DiskSample} from '../model/snapshot.js';
import type {PathStat} from './path-stat.js';

/** Result of the latest completed walk of a directory. */
export type WalkOutcome =
	| {readonly bytes: number; readonly problems: readonly string[]}
	| {readonly error: string};

/** The `File` column: the basename, or the path itself for `/`. */
function displayName(absolute: string): string {
	return path.basename(absolute) || absolute;
}

/**
 * Builds one path's sample from its stat and, for a directory, its latest completed walk
 * (undefined while the first walk is still running).
 */
export function diskSample(absolute: string, stat: PathStat, walk: WalkOutcome | undefined): DiskSample {
	const file = displayName(absolute);
	if (!stat.exists) {
		return {
			file,
			path: absolute,
			exists: false,
			size: undefined,
			usagePercent: undefined,
			mtime: undefined,
			atime: undefined,
			ctime: undefined,
			isDirectory: false,
			problem: stat.problem,
		};
	}

	let size: number | undefined;
	let problem: string | undefined;
	if (!stat.isDirectory) {
		size = stat.size;
	} else if (walk === undefined) {
		problem = 'measuring';
	} else if ('error' in walk) {
		problem = `walk failed: ${walk.error}`;
	} else {
		size = walk.bytes;
		problem = summarize(walk.problems);
	}

	return {
		file,
		path: absolute,
		exists: true,
		size,
		usagePercent: size === undefined || stat.filesystemBytes === undefined ? undefined : (size / stat.filesystemBytes) * 100,
		mtime: stat.mtime,
		atime: stat.atime,
		ctime: stat.ctime,
		isDirectory: stat.isDirectory,
		problem,
	};
}

/** One line for the sample; the full list stays with the walk result. */
function summarize(problems: readonly string[]): string | undefined {
	const [first] = problems;
	if (first === undefined) {
		return undefined;
	}

	return problems.length === 1 ? first : `${first} (and more)`;
}
