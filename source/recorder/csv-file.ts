import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {describeError} from '../safe-fs/errors.js';
import {headerMatches} from './existing-header.js';
import {type Line, PendingLines} from './pending-lines.js';
import {RecordBoundary} from './record-boundary.js';
import {SafeFolder} from '../safe-fs/safe-folder.js';
import {openForAppend, readerOf, UnsafeFileError} from '../safe-fs/safe-open.js';

type CsvValue = string | number;
export type CsvRow = readonly CsvValue[];

export type CsvFileOptions = {
	/**
	 * Tests only: opens `path` for appending and returns the descriptor, to point a file at failing
	 * targets (`/dev/full`) and back. Without it, openForAppend (safe-open.ts), which refuses
	 * anything but a plain file of ours.
	 */
	readonly openFile?: (path: string) => number;
	/** The checked folder of the file, shared by the files in it; default one of its own. */
	readonly folder?: SafeFolder;
	/** Rows kept in memory while the file cannot be written; beyond that the oldest are dropped. Default 10,000. */
	readonly maxPendingRows?: number;
	/** How each record ends: `\n` (default), or `\r\n` for a format that writes CRLF (Python's csv module). */
	readonly lineEnding?: LineEnding;
};

export type LineEnding = '\n' | '\r\n';

const defaultMaxPendingRows = 10_000;

const scanBlock = 64 * 1024;

/** Orders the failures of all files, so the recorder can name the one failing longest. */
let failureSequence = 0;

/** What makes csv-stringify (default options) quote a field: the delimiter, the quote, CR or LF. */
const needsQuoting = /[",\r\n]/;

/**
 * One line per row so each line's bytes are known. A row of numbers and plain strings comes out of
 * csv-stringify exactly as `join(',')` writes it, and calling the library for it costs ~15 µs and
 * ~16 KB of garbage per row at 1 Hz (it normalises its options on every call). Any row with a
 * field it would quote still goes through it.
 */
function csvLine(values: readonly CsvValue[], isRow: boolean, lineEnding: LineEnding): Line {
	const plain = values.every(value => typeof value === 'number' || !needsQuoting.test(value));
	// Naming the delimiter turns off csv-stringify's quoting of a lone CR or LF unless asked for.
	const options = {record_delimiter: lineEnding === '\n' ? 'unix' : 'windows', quote_record_delimiter: true};
	const text = plain ? `${values.join(',')}${lineEnding}` : stringify([values], options);
	return {text: Buffer.from(text), isRow};
}

/** Whether the open file has no name left (nlink 0). One fstat, ~1 µs, per file and tick. */
function isUnlinked(fd: number): boolean {
	try {
		return fs.fstatSync(fd).nlink === 0;
	} catch {
		return false; // The write that follows reports what is wrong with the descriptor.
	}
}

/**
 * An append-only CSV file kept open between ticks.
 *
 * Each `append` hands the tick's rows to the kernel with `writeSync` before returning, which is
 * what "every row reaches the OS before the next tick" needs: the page cache survives `kill -9`.
 * No fsync per tick: it would cost a disk flush every second and only protects against power loss.
 *
 * The file never keeps a half line: when a write stops short (disk full, quota, file size limit,
 * I/O error), the bytes of the unfinished line are truncated off again and the line is kept, with
 * every later row, in memory (bounded) to be written when writes work again. Where truncation is
 * impossible (a pipe or device) the unwritten remainder of that line is written first next time.
 * A file found ending in a half line when opened (an earlier crash) is cut back to its last
 * complete record. A file deleted while open is created again (with its folder) at the next write.
 *
 * Every open, the first and every reopen (after a deletion or a failed write), goes through the same
 * checks: the folder chain (safe-folder.ts), the file itself (safe-open.ts) and its header. Only a
 * file that passed them is ever truncated.
 */
export class CsvFile {
	readonly path: string;
	private readonly header: Line;
	private readonly lineEnding: LineEnding;
	private readonly openFile: ((path: string) => number) | undefined;
	private readonly folder: SafeFolder;
	private readonly pending: PendingLines;
	private fd: number | undefined;
	/** A regular file can be truncated and tells its size; a pipe or device cannot. */
	private isRegular = false;
	/** For targets without a size: whether this object already wrote the header there. */
	private headerWritten = false;
	private written = 0;
	private lost = 0;
	private error: string | undefined;
	/** `failureSequence` when the current run of failures began; undefined while writes work. */
	private failedAt: number | undefined;
	private closed = false;

	constructor(filePath: string, header: readonly string[], options: CsvFileOptions = {}) {
		this.path = filePath;
		this.lineEnding = options.lineEnding ?? '\n';
		this.header = csvLine(header, false, this.lineEnding);
		this.openFile = options.openFile;
		this.folder = options.folder ?? new SafeFolder(path.dirname(filePath));
		this.pending = new PendingLines(options.maxPendingRows ?? defaultMaxPendingRows);
	}

	/** Rows completely handed to the operating system. */
	get rowsWritten(): number {
		return this.written;
	}

	/** Rows held in memory because the file could not be written. */
	get pendingRows(): number {
		return this.pending.rows;
	}

	/** Rows dropped from a full memory buffer, or still pending at `close`. */
	get lostRows(): number {
		return this.lost;
	}

	/** Why the last attempt failed (`no space left on device (ENOSPC)`); undefined once writes work. */
	get lastError(): string | undefined {
		return this.error;
	}

	/**
	 * Orders files by when their current run of failures began (lower is earlier); undefined while
	 * writes work. Files on a filling disk fail one after another, each when its last block is full.
	 */
	get failingSince(): number | undefined {
		return this.failedAt;
	}

	/** Queues the rows and writes everything pending. Returns true when nothing is left pending. */
	append(rows: readonly CsvRow[]): boolean {
		if (this.closed) {
			throw new Error(`${this.path} is closed`);
		}

		for (const row of rows) {
			this.pending.push(csvLine(row, true, this.lineEnding));
		}

		return this.flush();
	}

	/** Writes whatever is pending (a retry after an error). Returns true when nothing is left pending. */
	flush(): boolean {
		if (this.closed || this.pending.isEmpty) {
			this.setError(undefined);
			return this.pending.isEmpty;
		}

		if (this.fd !== undefined && this.isRegular && isUnlinked(this.fd)) {
			// Deleted while open (the session folder removed, /tmp cleaned up): writes would still
			// succeed, into a file nobody can reach. Start it again where it was, header first.
			this.closeDescriptor();
		}

		if (this.fd === undefined && !this.open()) {
			this.lost += this.pending.dropOverflow();
			return false;
		}

		const fd = this.fd!;
		let chunk = this.pending.chunk();
		while (chunk.length > 0) {
			let bytes: number;
			try {
				bytes = fs.writeSync(fd, chunk);
				if (bytes <= 0) {
					throw Object.assign(new Error('write made no progress'), {code: 'EIO'});
				}
			} catch (error) {
				this.fail(error);
				return false;
			}

			// A short write is not an error yet (a signal, the last free block): the loop tries the
			// rest, and the kernel reports the real error, if any, on that call.
			for (const line of this.pending.consume(bytes)) {
				if (line.isRow) {
					this.written++;
				} else {
					this.headerWritten = true;
				}
			}

			chunk = chunk.subarray(bytes);
		}

		this.setError(undefined);
		return true;
	}

	/** Writes what it can and closes. Rows that still cannot be written are counted as lost. */
	close(): void {
		if (this.closed) {
			return;
		}

		this.flush();
		this.closeDescriptor();
		this.lost += this.pending.clear();
		this.closed = true;
	}

	private open(): boolean {
		let fd: number;
		let created: boolean;
		try {
			({fd, created} = this.openChecked());
		} catch (error) {
			this.setError(describeError(error));
			return false;
		}

		this.fd = fd;
		try {
			const stats = fs.fstatSync(fd);
			this.isRegular = stats.isFile();
			if (this.isRegular) {
				if (!created) {
					this.checkHeader(fd);
				}

				const size = this.cutHalfLine(fd, stats.size);
				// Whatever part of the current line was in the file is gone now (or never was).
				this.pending.rewindPartial();
				this.pending.setHeader(size === 0 ? this.header : undefined);
			} else {
				this.pending.setHeader(this.headerWritten ? undefined : this.header);
			}
		} catch (error) {
			// Appending to a file whose end could not be checked might glue a row to a half line.
			this.setError(describeError(error));
			this.closeDescriptor();
			return false;
		}

		return true;
	}

	/** The folder chain first, every time: the folder may have been removed (we create it again) or swapped (refused). */
	private openChecked(): {fd: number; created: boolean} {
		if (this.openFile === undefined) {
			return openForAppend(this.path, this.folder);
		}

		this.folder.ensure();
		return {fd: this.openFile(this.path), created: false};
	}

	/** A file found in place (a reopen, a file of an earlier run) must carry our header: its rows would change meaning. */
	private checkHeader(fd: number): void {
		const reader = readerOf(fd);
		if (reader === undefined) {
			return; // A file we may write but not read (mode 0200): nothing to check.
		}

		try {
			const headerLine = this.header.text.toString('utf8').replace(/\r?\n$/, '');
			if (!headerMatches(reader, headerLine)) {
				throw new UnsafeFileError(`has other columns than this recording (${this.path})`);
			}
		} finally {
			fs.closeSync(reader);
		}
	}

	/** Truncates the file to its last complete record if it ends inside one; returns the new size. */
	private cutHalfLine(fd: number, size: number): number {
		if (size === 0) {
			return 0;
		}

		// The append descriptor is write-only; this reopens the very same file for reading, even
		// one that an injected `openFile` chose.
		const reader = readerOf(fd);
		if (reader === undefined) {
			// A file we may write but not read (mode 0200): nothing to check, append as the user asked.
			return size;
		}

		try {
			// The usual case, a clean end, costs one byte of reading. With a partial line pending the
			// file may end inside a quoted field just after a newline, so scan it all then.
			const last = Buffer.alloc(1);
			if (this.pending.partialBytes === 0 && fs.readSync(reader, last, 0, 1, size - 1) === 1 && last[0] === 0x0A) {
				return size;
			}

			const buffer = Buffer.alloc(scanBlock);
			const boundary = new RecordBoundary();
			for (let position = 0; position < size; ) {
				const read = fs.readSync(reader, buffer, 0, Math.min(scanBlock, size - position), position);
				if (read === 0) {
					break;
				}

				boundary.feed(buffer.subarray(0, read));
				position += read;
			}

			if (boundary.end < size) {
				fs.ftruncateSync(fd, boundary.end);
			}

			return boundary.end;
		} finally {
			fs.closeSync(reader);
		}
	}

	/** A write failed: take the half line back out of the file, keep the rows, retry later. */
	private fail(error: unknown): void {
		this.setError(describeError(error));
		const fd = this.fd;
		if (fd !== undefined && this.isRegular && this.pending.partialBytes > 0) {
			try {
				fs.ftruncateSync(fd, fs.fstatSync(fd).size - this.pending.partialBytes);
				this.pending.rewindPartial();
			} catch {
				// Left for the next open, which cuts the file back to its last complete record.
			}
		}

		// Reopened on the next attempt: that re-checks the header and the file's end, and picks up a
		// file that was replaced in between.
		this.closeDescriptor();
		this.lost += this.pending.dropOverflow();
	}

	private setError(error: string | undefined): void {
		if (error === undefined) {
			this.failedAt = undefined;
		} else {
			this.failedAt ??= ++failureSequence;
		}

		this.error = error;
	}

	private closeDescriptor(): void {
		if (this.fd !== undefined) {
			try {
				fs.closeSync(this.fd);
			} catch {
				// Nothing useful to do: the descriptor is gone either way.
			}

			this.fd = undefined;
		}
	}
}
