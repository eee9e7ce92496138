/**
 * Human-readable numbers for the screen. The CSV keeps exact values in the chosen unit; the screen
 * needs numbers that fit 5 characters and read at a glance, like top's `12.3m`.
 */

const unitSuffixes = ['K', 'M', 'G', 'T', 'P'] as const;

/** What the UI shows for a value that could not be read. */
export const unreadable = '-';

function isNumber(value: number | undefined): value is number {
	return value !== undefined && Number.isFinite(value);
}

/** 1024-based, at most 5 characters: `512B`, `12.3K`, `987M`, `1.0G`; `-` when unreadable. */
export function formatBytes(value: number | undefined): string {
	if (!isNumber(value)) {
		return unreadable;
	}

	const sign = value < 0 ? '-' : '';
	let scaled = Math.abs(value);
	if (scaled < 1000) {
		return `${sign}${Math.round(scaled)}B`;
	}

	for (const suffix of unitSuffixes) {
		scaled /= 1024;
		// Compare with the rounded text so 99.96 does not print as `100.0`.
		if (scaled < 99.95) {
			return `${sign}${scaled.toFixed(1)}${suffix}`;
		}

		if (scaled < 999.5) {
			return `${sign}${Math.round(scaled)}${suffix}`;
		}
	}

	return `${sign}${Math.round(scaled)}${unitSuffixes.at(-1)!}`;
}

/** % of one core: `0.0`, `12.5`, `250`. */
export function formatPercent(value: number | undefined): string {
	if (!isNumber(value)) {
		return unreadable;
	}

	return Math.abs(value) < 99.95 ? value.toFixed(1) : String(Math.round(value));
}

/** Whole numbers; large ones shortened, 1000-based (`123K`), so they stay within 5 characters. */
export function formatCount(value: number | undefined): string {
	if (!isNumber(value)) {
		return unreadable;
	}

	let scaled = Math.round(value);
	if (Math.abs(scaled) < 100_000) {
		return String(scaled);
	}

	for (const suffix of unitSuffixes) {
		scaled /= 1000;
		if (Math.abs(scaled) < 999.5) {
			return `${Math.round(scaled)}${suffix}`;
		}
	}

	return `${Math.round(scaled)}${unitSuffixes.at(-1)!}`;
}

/** `45s`, `12m 5s`, `3h 20m`: the span a chart covers. */
export function formatDuration(seconds: number): string {
	const total = Math.max(0, Math.round(seconds));
	if (total < 60) {
		return `${total}s`;
	}

	if (total < 3600) {
		const minutes = Math.floor(total / 60);
		const rest = total % 60;
		return rest === 0 ? `${minutes}m` : `${minutes}m ${rest}s`;
	}

	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`;
}

/** The interval as given: `1s`, `0.5s`. */
export function formatInterval(seconds: number): string {
	return `${Number(seconds.toFixed(3))}s`;
}

/**
 * Usage of a filesystem, always with three decimals so a column of them lines up and reads alike:
 * `0.012%`, `5.500%`, `42.424%`; a log growing on a big disk moves in the third decimal.
 */
export function formatUsage(value: number | undefined): string {
	if (!isNumber(value)) {
		return unreadable;
	}

	if (value > 0 && value < 0.0005) {
		return '<0.001%';
	}

	return `${value.toFixed(3)}%`;
}

/** Signed growth per minute: `+1.2M/min`, `0B/min`, `-512B/min`. */
export function formatGrowth(bytesPerMinute: number | undefined): string {
	if (!isNumber(bytesPerMinute)) {
		return unreadable;
	}

	const rounded = Math.round(bytesPerMinute);
	const text = formatBytes(rounded);
	return `${rounded > 0 ? '+' : ''}${text}/min`;
}
