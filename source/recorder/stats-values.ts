import type {DaemonStats} from '../model/daemon-stats.js';

/*
 * How the Python tools whose CSVs the statistics recorder writes print their values, so a file of
 * ours reads exactly like one of theirs: Wazuh QA's statistic.py (`str.format`, so Python's `str`)
 * and Wazuh 5's monitor.py (the csv module, which writes a float with `repr`). Pure functions.
 */

/** One cell: a number, a text, or empty (a figure the daemon did not report). */
export type StatsCell = string | number;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * A float as Python's `repr` writes it: the shortest digits that read back to the same double
 * (as JavaScript's), an integral value with `.0` (`3600.0`), and exponent notation below 1e-4
 * and from 1e16 on, with at least two exponent digits (`1e-05`, `1.5e+16`).
 */
export function pythonFloat(value: number): string {
	if (!Number.isFinite(value)) {
		return Number.isNaN(value) ? 'nan' : (value > 0 ? 'inf' : '-inf');
	}

	if (value === 0) {
		return Object.is(value, -0) ? '-0.0' : '0.0';
	}

	const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
	const exponent = Number(exponentText);
	if (exponent < -4 || exponent >= 16) {
		const sign = exponent < 0 ? '-' : '+';
		return `${mantissa}e${sign}${pad(Math.abs(exponent))}`;
	}

	// Fixed notation from the same shortest digits: JavaScript's own switches to exponents only
	// from 1e21 and below 1e-6, so build it here rather than trust String().
	const negative = mantissa.startsWith('-');
	const digits = mantissa.replace('-', '').replace('.', '');
	const point = exponent + 1;
	let text: string;
	if (point <= 0) {
		text = `0.${'0'.repeat(-point)}${digits}`;
	} else if (point >= digits.length) {
		text = `${digits}${'0'.repeat(point - digits.length)}.0`;
	} else {
		text = `${digits.slice(0, point)}.${digits.slice(point)}`;
	}

	return negative ? `-${text}` : text;
}

/**
 * A figure as Python's `str` writes what `json.loads` made of it: an integral value as an int
 * (`1026450`), anything else as a float (`0.03`). cJSON prints integral doubles without a point, so
 * the Wazuh API hands those to Python as ints.
 */
export function pythonNumber(value: number): string {
	// BigInt: String() would write 1e+21 where Python writes every digit of an int.
	return Number.isInteger(value) ? BigInt(value).toString() : pythonFloat(value);
}

/** `2025-08-07 10:00:03`: local time, to the second, as statistic.py's `Timestamp` column. */
export function qaTimestamp(epochMs: number): string {
	const date = new Date(epochMs);
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * `2025-08-07T08:00:00+00:00`: an epoch as the Wazuh API serialises the daemons' `timestamp` and
 * `uptime` (UTC, to the second, `isoformat(timespec='seconds')`), which statistic.py copies.
 */
export function apiIsoTime(epochMs: number): string {
	return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** `2026-08-14T11:00:03Z`: UTC to the second, monitor.py's `timestamp` column. */
export function monitorTimestamp(epochMs: number): string {
	return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** monitor.py's `elapsed_s`: seconds since its loop started, rounded to a tenth, written as a float. */
export function monitorElapsed(elapsedMs: number): string {
	return pythonFloat(Math.round(Math.max(0, elapsedMs) / 100) / 10);
}

/** The figure at `key` in the daemon's raw figures, when it is a number. */
export function rawNumber(stats: DaemonStats, key: string): number | undefined {
	const value = stats.raw[key];
	if (typeof value === 'number') {
		return value;
	}

	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}

	return undefined;
}

/** A raw figure as statistic.py writes it from the API's JSON; empty when absent (where statistic.py would stop with a KeyError). */
export function apiCell(stats: DaemonStats, key: string): StatsCell {
	const value = rawNumber(stats, key);
	return value === undefined ? '' : pythonNumber(value);
}

/** monitor.py's `_as_int`: Python's `int()` (truncating), 0 when missing or not a number. */
export function monitorInt(value: number | undefined): string {
	return value === undefined || !Number.isFinite(value) ? '0' : String(Math.trunc(value));
}

/** monitor.py's `_as_float`: 0.0 when missing, written with `repr`. */
export function monitorFloat(value: number | undefined): string {
	return pythonFloat(value ?? 0);
}
