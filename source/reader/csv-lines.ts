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

/** 10^n for the decimals a number may have to be read exactly with one division (`numberBytes`). */
export const powersOfTen = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

/**
 * The number in `bytes` from `start` to `end` (what the writers put there: `-?digits[.digits]`),
 * NaN when empty or not a number. Digits are summed as one integer and divided once by a power of
 * ten, which rounds exactly as `Number()` does while the integer stays below 2^53; anything else
 * (an exponent, many digits, `nan`) is handed to `Number()`. No string is made for the common cell:
 * hours of 1 Hz data are tens of millions of cells.
 */
export function numberBytes(bytes: Uint8Array, start: number, end: number): number {
	if (start >= end) {
		return Number.NaN;
	}

	let index = start;
	const negative = bytes[index] === 45;
	if (negative) {
		index++;
	}

	let mantissa = 0;
	let digits = 0;
	let decimals = -1;
	for (; index < end; index++) {
		const code = bytes[index]!;
		if (code >= 48 && code <= 57) {
			mantissa = (mantissa * 10) + (code - 48);
			digits++;
			if (decimals >= 0) {
				decimals++;
			}
		} else if (code === 46 && decimals < 0) {
			decimals = 0;
		} else {
			return slowNumber(bytes, start, end);
		}
	}

	if (digits === 0 || digits > 15 || decimals >= powersOfTen.length) {
		return slowNumber(bytes, start, end);
	}

	const value = decimals > 0 ? mantissa / powersOfTen[decimals]! : mantissa;
	return negative ? -value : value;
}

const decoder = new TextDecoder('latin1');

function slowNumber(bytes: Uint8Array, start: number, end: number): number {
	return numberCell(decoder.decode(bytes.subarray(start, end))) ?? Number.NaN;
}
