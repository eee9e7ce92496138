/**
 * Lines of a CSV file read while its writer may still be appending: only lines that end in a
 * newline are complete. The writers we read (this tool, Python's csv module, monitor.py) end
 * every row with `\n` or `\r\n`, so a last line without one is a row caught half written.
 */
export type CompleteLines = {
	readonly lines: string[];
	/** True when the text ended with an unterminated line, left out of `lines`. */
	readonly partial: boolean;
};

export function completeLines(text: string): CompleteLines {
	const end = text.lastIndexOf('\n');
	const partial = end !== text.length - 1 && text.length > 0;
	if (end < 0) {
		return {lines: [], partial};
	}

	const lines = text.slice(0, end).split('\n');
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		// Python's csv module ends rows with \r\n.
		if (line.endsWith('\r')) {
			lines[index] = line.slice(0, -1);
		}
	}

	return {lines, partial};
}

/**
 * The cells of one CSV line (RFC 4180 quoting). Numbers and names never need quotes, so the
 * common line is split as it is; a quoted cell (a disk path with a comma) takes the slow path.
 */
export function splitCsvLine(line: string): string[] {
	if (!line.includes('"')) {
		return line.split(',');
	}

	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let index = 0; index < line.length; index++) {
		const character = line[index]!;
		if (quoted) {
			if (character === '"') {
				if (line[index + 1] === '"') {
					cell += '"';
					index++;
				} else {
					quoted = false;
				}
			} else {
				cell += character;
			}
		} else if (character === '"') {
			quoted = true;
		} else if (character === ',') {
			cells.push(cell);
			cell = '';
		} else {
			cell += character;
		}
	}

	cells.push(cell);
	return cells;
}

/** A number cell: empty (an unreadable value) or not a number is undefined. */
export function numberCell(cell: string | undefined): number | undefined {
	if (cell === undefined || cell === '') {
		return undefined;
	}

	const value = Number(cell);
	return Number.isFinite(value) ? value : undefined;
}

/**
 * Where each cell of an unquoted line starts and ends, without cutting the line into strings:
 * hours of 1 Hz data are tens of millions of cells, and a string for each is most of the work of
 * reading them. `ends[i]` is the index of the comma after cell i (or the line's length).
 * Returns the number of cells found (at most `ends.length`).
 */
export function cellEnds(line: string, ends: Int32Array): number {
	let count = 0;
	let from = 0;
	while (count < ends.length) {
		const comma = line.indexOf(',', from);
		if (comma < 0) {
			ends[count++] = line.length;
			break;
		}

		ends[count++] = comma;
		from = comma + 1;
	}

	return count;
}

const powersOfTen = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

/**
 * The number in `line` from `start` to `end` (what the writers put there: `-?digits[.digits]`),
 * undefined when empty. Digits are summed as one integer and divided once by a power of ten, which
 * rounds exactly as `Number()` does while the integer stays below 2^53; anything else (an exponent,
 * many digits) is handed to `Number()`.
 */
export function numberAt(line: string, start: number, end: number): number | undefined {
	if (start >= end) {
		return undefined;
	}

	let index = start;
	const negative = line.charCodeAt(index) === 45;
	if (negative) {
		index++;
	}

	let mantissa = 0;
	let digits = 0;
	let decimals = -1;
	for (; index < end; index++) {
		const code = line.charCodeAt(index);
		if (code >= 48 && code <= 57) {
			mantissa = (mantissa * 10) + (code - 48);
			digits++;
			if (decimals >= 0) {
				decimals++;
			}
		} else if (code === 46 && decimals < 0) {
			decimals = 0;
		} else {
			return numberCell(line.slice(start, end));
		}
	}

	if (digits === 0 || digits > 15 || decimals >= powersOfTen.length) {
		return numberCell(line.slice(start, end));
	}

	const value = decimals > 0 ? mantissa / powersOfTen[decimals]! : mantissa;
	return negative ? -value : value;
}
