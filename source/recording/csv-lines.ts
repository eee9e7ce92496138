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
