const pad = (value: number): string => String(value).padStart(2, '0');

/** Local time as `YYYY/MM/DD HH:MM:SS`, the format of the CSV Timestamp column. */
export function formatTimestamp(epochMs: number): string {
	const date = new Date(epochMs);
	return `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
