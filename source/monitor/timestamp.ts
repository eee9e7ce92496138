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
