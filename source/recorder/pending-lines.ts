/** One CSV record as bytes, `\n`-terminated; the header is a line that is not a row. */
export type Line = {
	readonly text: Buffer;
	readonly isRow: boolean;
};

/**
 * The lines of one CSV file that have not reached the operating system yet, in order, and how far
 * the first of them got. Pure bookkeeping: the file I/O lives in CsvFile.
 *
 * Rows are bounded: when the file cannot be written for a long time, the oldest rows are dropped
 * (and counted) so memory stays flat, but never the header and never a line that is partly in the
 * file, whose remainder is the only way to finish that line.
 */
export class PendingLines {
	private lines: Line[] = [];
	/** A line of which `written` bytes are already in the file (a short write on a non-truncatable target). */
	private partial: {readonly line: Line; written: number} | undefined;

	constructor(readonly maxRows: number) {}

	get isEmpty(): boolean {
		return this.partial === undefined && this.lines.length === 0;
	}

	/** Rows not yet completely written, including a partly written one. */
	get rows(): number {
		// The header, when queued, is always the first line, so this stays O(1) for a long backlog.
		const queuedHeader = this.lines[0]?.isRow === false ? 1 : 0;
		return this.lines.length - queuedHeader + (this.partial?.line.isRow ? 1 : 0);
	}

	/** Bytes of the current line already in the file; 0 when the file ends at a line boundary. */
	get partialBytes(): number {
		return this.partial?.written ?? 0;
	}

	push(line: Line): void {
		this.lines.push(line);
	}

	/**
	 * Makes the queue start with `header`, or removes a queued header when `header` is undefined
	 * (the file turned out to have one already). A partly written header is left alone.
	 */
	setHeader(header: Line | undefined): void {
		if (this.partial?.line.isRow === false) {
			return;
		}

		this.lines = this.lines.filter(line => line.isRow);
		if (header) {
			this.lines.unshift(header);
		}
	}

	/** Everything still to write: the rest of the partial line, then the queued lines. */
	chunk(): Buffer {
		const pieces = this.lines.map(line => line.text);
		if (this.partial) {
			pieces.unshift(this.partial.line.text.subarray(this.partial.written));
		}

		return Buffer.concat(pieces);
	}

	/**
	 * Records that the first `bytes` of `chunk()` were written. Returns the lines completed by it;
	 * a line cut short becomes the partial line.
	 */
	consume(bytes: number): Line[] {
		const completed: Line[] = [];
		let left = bytes;
		if (this.partial) {
			const rest = this.partial.line.text.length - this.partial.written;
			if (left < rest) {
				this.partial.written += left;
				return completed;
			}

			left -= rest;
			completed.push(this.partial.line);
			this.partial = undefined;
		}

		let index = 0;
		while (left > 0 && index < this.lines.length) {
			const line = this.lines[index]!;
			if (left < line.text.length) {
				this.partial = {line, written: left};
				index++;
				left = 0;
				break;
			}

			left -= line.text.length;
			completed.push(line);
			index++;
		}

		if (left > 0) {
			throw new RangeError(`consumed ${left} bytes more than were pending`);
		}

		// One splice, not a shift per line: a backlog can be thousands of lines.
		this.lines.splice(0, index);
		return completed;
	}

	/** The partial line's bytes were removed from the file again: it is to be written whole. */
	rewindPartial(): void {
		if (this.partial) {
			this.lines.unshift(this.partial.line);
			this.partial = undefined;
		}
	}

	/** Drops the oldest queued rows beyond `maxRows`; returns how many were dropped. */
	dropOverflow(): number {
		let excess = this.rows - this.maxRows;
		if (excess <= 0) {
			return 0;
		}

		const dropped = excess;
		this.lines = this.lines.filter(line => {
			if (excess > 0 && line.isRow) {
				excess--;
				return false;
			}

			return true;
		});
		return dropped - excess;
	}

	/** Forgets everything; returns how many rows that was. */
	clear(): number {
		const rows = this.rows;
		this.lines = [];
		this.partial = undefined;
		return rows;
	}
}
