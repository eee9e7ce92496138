import fs from 'node:fs';
import {describeError} from '../safe-fs/errors.js';

const {O_RDONLY, O_NOFOLLOW, O_NONBLOCK} = fs.constants;

/** A folder or file of a recording that cannot or must not be read. */
export class RecordingError extends Error {
	override readonly name = 'RecordingError';
}

/**
 * The bytes of a file in a folder someone gave us, from `offset` to its end as it is now. We may run
 * as root: the open never follows a symlink (O_NOFOLLOW: ELOOP) and never waits on a FIFO
 * (O_NONBLOCK), and only a regular file is read. Reads up to the size fstat gave: a writer
 * appending meanwhile adds rows we leave for the next read. `size` is that size (smaller than
 * `offset` when the file was cut or replaced since). At most `maxBytes` are read.
 */
export function readRecordingBytes(file: string, offset = 0, maxBytes = Number.POSITIVE_INFINITY): {bytes: Buffer; size: number} {
	let fd: number;
	try {
		fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	} catch (error: unknown) {
		throw new RecordingError(`cannot read ${file}: ${describeError(error)}`);
	}

	try {
		const stats = fs.fstatSync(fd);
		if (!stats.isFile()) {
			throw new RecordingError(`cannot read ${file}: not a regular file`);
		}

		const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(stats.size - offset, maxBytes)));
		let filled = 0;
		while (filled < buffer.length) {
			const read = fs.readSync(fd, buffer, filled, buffer.length - filled, offset + filled);
			if (read === 0) {
				// Truncated while we read: what is there is all there is.
				break;
			}

			filled += read;
		}

		return {bytes: buffer.subarray(0, filled), size: stats.size};
	} finally {
		fs.closeSync(fd);
	}
}

/** The text of such a file, whole (`readRecordingBytes` from its start). */
export function readRecordingFile(file: string): string {
	return readRecordingBytes(file).bytes.toString('utf8');
}

/** Names in a folder that are regular files ending in `.csv`, and the rest worth telling about (links). */
export function listFolder(folder: string): {csv: string[]; links: string[]; folders: string[]} {
	let entries: fs.Dirent[];
	try {
		const stats = fs.lstatSync(folder);
		if (stats.isSymbolicLink()) {
			throw new RecordingError(`${folder} is a symbolic link; give the folder it points to`);
		}

		if (!stats.isDirectory()) {
			throw new RecordingError(`${folder} is not a folder`);
		}

		entries = fs.readdirSync(folder, {withFileTypes: true});
	} catch (error: unknown) {
		if (error instanceof RecordingError) {
			throw error;
		}

		throw new RecordingError(`cannot read the folder ${folder}: ${describeError(error)}`);
	}

	const csv: string[] = [];
	const links: string[] = [];
	const folders: string[] = [];
	for (const entry of entries) {
		if (entry.isSymbolicLink()) {
			links.push(entry.name);
		} else if (entry.isFile() && entry.name.endsWith('.csv')) {
			csv.push(entry.name);
		} else if (entry.isDirectory()) {
			folders.push(entry.name);
		}
	}

	csv.sort();
	links.sort();
	return {csv, links, folders};
}
