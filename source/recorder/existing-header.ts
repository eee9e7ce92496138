import fs from 'node:fs';

/** More than any header of ours (the widest, the 5.x wazuh-db statistics file, is about 6 KB); a first line longer than this cannot be ours anyway. */
const maxHeaderBytes = 64 * 1024;

const {O_RDONLY, O_NOFOLLOW, O_NONBLOCK} = fs.constants;

/**
 * Whether the file open on `reader` (read-only) may get CSV rows with `headerLine` (without its
 * newline): it is empty, or starts with that very header. A file written with another unit (`-u MB`
 * over a KB recording) is not: its values would silently change meaning under the old header.
 * Throws when it cannot be read.
 */
export function headerMatches(reader: number, headerLine: string): boolean {
	const {size} = fs.fstatSync(reader);
	if (size === 0) {
		return true;
	}

	const buffer = Buffer.alloc(maxHeaderBytes);
	const read = fs.readSync(reader, buffer, 0, maxHeaderBytes, 0);
	const text = buffer.subarray(0, read).toString('utf8');
	const end = text.indexOf('\n');
	// A file cut inside its header (a crash) is rewritten from its last complete record: empty.
	const firstLine = end === -1 ? undefined : text.slice(0, end).replace(/\r$/, '');
	return firstLine === undefined ? headerLine.startsWith(text) : firstLine === headerLine;
}

/**
 * Whether `filePath` looks usable for rows with `headerLine`, to choose a file name: it does not
 * exist, or holds that header. Anything that is not a plain file of ours (a link, a FIFO, a hard
 * link, another user's file) keeps its name: the open refuses it with a notice rather than the
 * recording quietly moving to `_2`. The header is checked again on the opened file itself.
 */
export function canAppendTo(filePath: string, headerLine: string): boolean {
	let fd: number;
	try {
		// Neither following a link nor waiting for a FIFO's writer.
		fd = fs.openSync(filePath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	} catch {
		// Missing (the usual case), unreadable or a link.
		return true;
	}

	try {
		const stats = fs.fstatSync(fd);
		const plainAndOurs = stats.isFile() && stats.nlink === 1 && stats.uid === (process.geteuid?.() ?? 0);
		return !plainAndOurs || headerMatches(fd, headerLine);
	} catch {
		return true;
	} finally {
		fs.closeSync(fd);
	}
}
