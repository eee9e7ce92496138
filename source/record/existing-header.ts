import fs from 'node:fs';

/** More than any header of ours; a first line longer than this cannot be ours anyway. */
const maxHeaderBytes = 4096;

/**
 * Whether CSV rows with `headerLine` (without its newline) may be appended to `filePath`: it does
 * not exist, is empty, or starts with that very header. A file written with another unit (`-u MB`
 * over a KB recording) is not: its values would silently change meaning under the old header.
 * A file that cannot be read is assumed usable; writing it will report the real problem.
 */
export function canAppendTo(filePath: string, headerLine: string): boolean {
	let fd: number;
	try {
		fd = fs.openSync(filePath, 'r');
	} catch {
		// Missing (the usual case) or unreadable.
		return true;
	}

	try {
		const stats = fs.fstatSync(fd);
		if (!stats.isFile()) {
			return false;
		}

		if (stats.size === 0) {
			return true;
		}

		const buffer = Buffer.alloc(maxHeaderBytes);
		const read = fs.readSync(fd, buffer, 0, maxHeaderBytes, 0);
		const text = buffer.subarray(0, read).toString('utf8');
		const end = text.indexOf('\n');
		// A file cut inside its header (a crash) is rewritten from its last complete record: empty.
		const firstLine = end === -1 ? undefined : text.slice(0, end).replace(/\r$/, '');
		return firstLine === undefined ? headerLine.startsWith(text) : firstLine === headerLine;
	} catch {
		return true;
	} finally {
		fs.closeSync(fd);
	}
}
