/**
 * Timestamps as the three writers put them, to ms since the epoch. This tool and the Python
 * original write local time (`YYYY/MM/DD HH:MM:SS`, this tool `.mmm` below one second between
 * samples); Wazuh 5's monitor.py writes UTC (`YYYY-MM-DDTHH:MM:SSZ`).
 */

const localPattern = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const utcPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/;

const fraction = (digits: string | undefined): number => (digits === undefined ? 0 : Math.round(Number(`0.${digits}`) * 1000));

/** Where the seconds start: `YYYY/MM/DD HH:MM:` is 17 characters in both forms. */
const minuteLength = 17;

/**
 * Parses one kind of timestamp, remembering the last minute: rows of one file come a second or
 * less apart, so 59 rows in 60 skip the Date arithmetic (hours of 1 Hz data are millions of rows).
 * A minute is the unit that is safe to cache in local time: clocks change on the hour.
 */
export class TimestampParser {
	private lastMinute = '';
	private lastMinuteMs = Number.NaN;
	/** `lastMinute` as bytes, for `parseBytes`. */
	private readonly minuteBytes = new Uint8Array(minuteLength);

	constructor(private readonly utc: boolean) {}

	/** ms since the epoch, or undefined when `text` is not a timestamp of this kind. */
	parse(text: string): number | undefined {
		if (this.lastMinute !== '' && text.startsWith(this.lastMinute)) {
			const tens = text.charCodeAt(minuteLength) - 48;
			const units = text.charCodeAt(minuteLength + 1) - 48;
			const rest = text.length - minuteLength - 2;
			if (tens >= 0 && tens <= 5 && units >= 0 && units <= 9) {
				const base = this.lastMinuteMs + (((tens * 10) + units) * 1000);
				if (rest === 0 || (this.utc && rest === 1 && text.endsWith('Z'))) {
					return base;
				}

				const fractionMatch = (this.utc ? /^\.(\d{1,6})Z$/ : /^\.(\d{1,6})$/).exec(text.slice(minuteLength + 2));
				if (fractionMatch) {
					return base + fraction(fractionMatch[1]);
				}
			}
		}

		const match = (this.utc ? utcPattern : localPattern).exec(text);
		if (!match) {
			return undefined;
		}

		const [, year, month, day, hour, minute, second, milliseconds] = match;
		const parts = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), 0] as const;
		const minuteMs = this.utc ? Date.UTC(...parts) : new Date(...parts).getTime();
		if (!Number.isFinite(minuteMs)) {
			return undefined;
		}

		this.lastMinute = text.slice(0, minuteLength);
		this.lastMinuteMs = minuteMs;
		for (let index = 0; index < minuteLength; index++) {
			this.minuteBytes[index] = text.charCodeAt(index);
		}

		return minuteMs + (Number(second) * 1000) + fraction(milliseconds);
	}

	/**
	 * `parse` of the ASCII timestamp in `bytes` from `start` to `end`, without making a string when
	 * the minute is the last one's: the common row of a 1 Hz file.
	 */
	parseBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
		const length = end - start;
		if (this.lastMinute !== '' && length >= minuteLength + 2) {
			const minute = this.minuteBytes;
			let same = true;
			for (let index = 0; index < minuteLength; index++) {
				if (bytes[start + index] !== minute[index]) {
					same = false;
					break;
				}
			}

			const tens = bytes[start + minuteLength]! - 48;
			const units = bytes[start + minuteLength + 1]! - 48;
			if (same && tens >= 0 && tens <= 5 && units >= 0 && units <= 9) {
				const base = this.lastMinuteMs + (((tens * 10) + units) * 1000);
				// What follows the seconds: nothing, `Z`, `.digits` or `.digitsZ` (utc only with Z).
				let to = end;
				if (this.utc) {
					if (bytes[to - 1] !== 90) {
						return undefined;
					}

					to--;
				}

				const from = start + minuteLength + 2;
				if (to === from) {
					return base;
				}

				const places = to - from - 1;
				if (bytes[from] === 46 && places >= 1 && places <= 6) {
					let fraction = 0;
					for (let index = from + 1; index < to; index++) {
						const digit = bytes[index]! - 48;
						if (digit < 0 || digit > 9) {
							return undefined;
						}

						fraction = (fraction * 10) + digit;
					}

					// As `fraction()` computes it: the decimal read as a number, then to ms.
					return base + Math.round((fraction / (10 ** places)) * 1000);
				}

				return undefined;
			}
		}

		let text = '';
		for (let index = start; index < end; index++) {
			text += String.fromCharCode(bytes[index]!);
		}

		return this.parse(text);
	}
}
