import {seriesStats, type SeriesStats} from './ring-buffer.js';

/**
 * Turning ring-buffer windows into what asciichart can draw: it throws on NaN and on an empty
 * series, and draws one column per point, so gaps are filled and windows are shrunk to the width.
 */

/** Index of the first position where any of the series has a value; -1 when all are gaps. */
export function firstValueIndex(series: readonly ArrayLike<number>[]): number {
	let first = -1;
	for (const values of series) {
		for (let i = 0; i < values.length; i++) {
			if (!Number.isNaN(values[i]!)) {
				if (first === -1 || i < first) {
					first = i;
				}

				break;
			}
		}
	}

	return first;
}

/**
 * At most `width` points: consecutive values averaged into equal buckets (gaps ignored; a bucket
 * of gaps stays a gap). A window shorter than `width` is returned as is, never stretched.
 */
export function downsample(values: ArrayLike<number>, width: number): number[] {
	const count = values.length;
	if (width <= 0) {
		return [];
	}

	if (count <= width) {
		return Array.from(values);
	}

	const result: number[] = [];
	for (let bucket = 0; bucket < width; bucket++) {
		const from = Math.floor((bucket * count) / width);
		const to = Math.floor(((bucket + 1) * count) / width);
		let sum = 0;
		let seen = 0;
		for (let i = from; i < to; i++) {
			const value = values[i]!;
			if (!Number.isNaN(value)) {
				sum += value;
				seen++;
			}
		}

		result.push(seen === 0 ? Number.NaN : sum / seen);
	}

	return result;
}

/**
 * Gaps filled with the last value before them (a line that stays flat where nothing was measured),
 * leading gaps with the first value; undefined when there is no value at all.
 */
export function fillGaps(values: readonly number[]): number[] | undefined {
	const first = values.find(value => !Number.isNaN(value));
	if (first === undefined) {
		return undefined;
	}

	let last = first;
	return values.map(value => {
		if (Number.isNaN(value)) {
			return last;
		}

		last = value;
		return value;
	});
}

export type PreparedSeries = {
	/** Drawable points (no NaN, at least one), or undefined when the series has no value in the window. */
	readonly points: number[] | undefined;
	/** Over the raw window, gaps ignored. */
	readonly stats: SeriesStats | undefined;
};

export type PreparedChart = {
	readonly series: readonly PreparedSeries[];
	/** Raw samples covered, from the first one with a value to the newest. */
	readonly samples: number;
	/** Raw samples averaged into one column (1 when not downsampled). */
	readonly samplesPerColumn: number;
};

/**
 * Prepares series that share a time axis (RSS, USS and PSS of one process): the window starts
 * where the first of them has a value, so they stay aligned, and each is downsampled to `width`
 * points and gap-filled. Undefined when no series has any value.
 */
export function prepareChart(raw: readonly ArrayLike<number>[], width: number): PreparedChart | undefined {
	const first = firstValueIndex(raw);
	if (first === -1 || width <= 0) {
		return undefined;
	}

	const windows = raw.map(values => Array.prototype.slice.call(values, first) as number[]);
	const samples = windows[0]?.length ?? 0;
	return {
		series: windows.map(window => ({points: fillGaps(downsample(window, width)), stats: seriesStats(window)})),
		samples,
		samplesPerColumn: Math.max(1, samples / width),
	};
}
