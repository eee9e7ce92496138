/** The table printed at the end: one line per figure, with its target and a verdict. */

export type Verdict = 'ok' | 'MISS' | 'n/a' | '';

export type Line = {
	readonly section: string;
	readonly what: string;
	readonly value: string;
	readonly target: string;
	readonly verdict: Verdict;
	readonly note: string;
};

export class Report {
	readonly lines: Line[] = [];

	add(section: string, what: string, value: string, target = '', verdict: Verdict = '', note = ''): void {
		this.lines.push({section, what, value, target, verdict, note});
	}

	/** A figure with a numeric target: `ok` when it is at most `limit`. */
	check(section: string, what: string, value: number | undefined, format: (value: number) => string, limit: number, target: string, note = ''): void {
		if (value === undefined || !Number.isFinite(value)) {
			this.add(section, what, 'n/a', target, 'n/a', note);
		} else {
			this.add(section, what, format(value), target, value <= limit ? 'ok' : 'MISS', note);
		}
	}

	/** Something that could not be measured, and why. */
	skip(section: string, what: string, why: string, target = ''): void {
		this.add(section, what, 'n/a', target, 'n/a', why);
	}

	render(): string {
		const headers = ['section', 'measurement', 'value', 'target', 'verdict', 'note'];
		const cells = this.lines.map(line => [line.section, line.what, line.value, line.target, line.verdict, line.note]);
		const widths = headers.map((header, column) => Math.max(header.length, ...cells.map(row => row[column]!.length)));
		const format = (row: readonly string[]): string => row.map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
		const rule = widths.map(width => '-'.repeat(width)).join('  ');
		const out: string[] = [format(headers), rule];
		let previous = '';
		for (const row of cells) {
			if (row[0] !== previous && previous !== '') {
				out.push('');
			}

			previous = row[0]!;
			out.push(format(row));
		}

		return out.join('\n');
	}
}

export const fixed = (digits: number, suffix = '') => (value: number): string => `${value.toFixed(digits)}${suffix}`;
export const megabytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
