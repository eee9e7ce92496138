/**
 * Timestamps as the three writers put them, to ms since the epoch. This tool and the Python
 * original write local time (`YYYY/MM/DD HH:MM:SS`, this tool `.mmm` below one second between
 * samples); Wazuh 5's monitor.py writes UTC (`YYYY-MM-DDTHH:MM:SSZ`).
 */

const localPattern = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const utcPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/;

const fraction = (digits: string | undefined): number => (digits === undefined ? 0 : Math.round(Number(`0.${digits}`) * 1000));

/**
 * Parses one kind of timestamp, remembering the last whole second: rows of one file come a second
 * or less apart, so most rows skip the Date arithmetic (hours of 1 Hz data are millions of rows).
 */
export class TimestampParser {
	private lastSecond = '';
	private lastSecondMs = Number.NaN;

	constructor(private readonly utc: boolean) {}

	/** ms since the epoch, or undefined when `text` is not a timestamp of this kind. */
	parse(text: string): number | undefined {
		// The common case: the same second as the row before, with or without milliseconds.
		if (this.lastSecond !== '' && text.startsWith(this.lastSecond)) {
			const rest = text.length - 19;
			if (rest === 0 || (rest === 1 && text[19] === 'Z')) {
				return this.lastSecondMs;
			}

			const fractionMatch = /^\.(\d{1,6})Z?$/.exec(text.slice(19));
			if (fractionMatch) {
				return this.lastSecondMs + fraction(fractionMatch[1]);
			}
		}

		const match = (this.utc ? utcPattern : localPattern).exec(text);
		if (!match) {
			return undefined;
		}

		const [, year, month, day, hour, minute, secondText, milliseconds] = match;
		const parts = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(secondText)] as const;
		const base = this.utc ? Date.UTC(...parts) : new Date(...parts).getTime();
		if (!Number.isFinite(base)) {
			return undefined;
		}

		this.lastSecond = text.slice(0, 19);
		this.lastSecondMs = base;
		return base + fraction(milliseconds);
	}
}
