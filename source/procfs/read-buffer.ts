import fs from 'node:fs';

/**
 * One scratch buffer shared by every /proc read: parsing happens synchronously right after each
 * read, so reuse is safe, and it saves an allocation per file per tick.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Reads a whole (kept-open) /proc file from offset 0. Throws the fs error (ESRCH when the process died). */
export function readFd(fd: number, encoding: 'latin1' | 'utf8' = 'latin1'): string {
	let length = 0;
	for (;;) {
		const read = fs.readSync(fd, scratch, length, scratch.length - length, length);
		if (read === 0) {
			break;
		}

		length += read;
		if (length === scratch.length) {
			// A full smaps of a large process can be megabytes.
			const bigger = Buffer.allocUnsafe(scratch.length * 2);
			scratch.copy(bigger, 0, 0, length);
			scratch = bigger;
		}
	}

	return scratch.toString(encoding, 0, length);
}

/** Opens, reads and closes: for files read once (discovery). */
export function readOnce(path: string, encoding: 'latin1' | 'utf8' = 'latin1'): string {
	const fd = fs.openSync(path, 'r');
	try {
		return readFd(fd, encoding);
	} finally {
		fs.closeSync(fd);
	}
}

/** The errno code of a thrown fs error, or undefined. */
export function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
