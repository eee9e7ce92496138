const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * Local time as `YYYY/MM/DD HH:MM:SS`, the format of the CSV Timestamp column; with `milliseconds`,
 * `YYYY/MM/DD HH:MM:SS.mmm` (still a date to pandas and to Wazuh QA's plotter).
 */
export function formatTimestamp(epochMs: number, milliseconds = false): string {
	const date = new Date(epochMs);
	const seconds = `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
	return milliseconds ? `${seconds}.${String(date.getMilliseconds()).padStart(3, '0')}` : seconds;
}

/**
 * Below one second between samples, several ticks fall in one second: they must not share a
 * timestamp, or summing a daemon and its children by Timestamp (as Wazuh QA's tools do) double counts.
 */
export const timestampsNeedMilliseconds = (intervalSeconds: number): boolean => intervalSeconds < 1;

/**
 * Local time as ISO 8601 with its offset, `2026-11-28T09:30:28+01:00`: a moment any reader can
 * place without knowing the host's time zone (toISOString says UTC, and a CSV Timestamp says
 * nothing of its zone).
 */
export function formatIsoWithOffset(epochMs: number): string {
	const date = new Date(epochMs);
	// getTimezoneOffset is minutes *behind* UTC: -60 for UTC+01:00.
	const ahead = -date.getTimezoneOffset();
	const sign = ahead < 0 ? '-' : '+';
	const offset = `${sign}${pad(Math.floor(Math.abs(ahead) / 60))}:${pad(Math.abs(ahead) % 60)}`;
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${offset}`;
}

/**
 * A tick's time as its CSV Timestamp keeps it (to the second, or to the millisecond below one
 * second between samples): what the recording read back holds, so a figure computed live equals
 * the report's on the same samples.
 */
export function recordedTime(epochMs: number, intervalSeconds: number): number {
	return timestampsNeedMilliseconds(intervalSeconds) ? Math.floor(epochMs) : Math.floor(epochMs / 1000) * 1000;
}
