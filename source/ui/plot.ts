/**
 * The detail view's plots, pure. Each column of a plot covers one or more samples and draws their
 * whole range (min to max), so a one-sample burst is never averaged away and the top of the axis is
 * the largest sample in the window: the same number as the stats line's max. A column with no
 * sample (the process was down, or not yet started) draws nothing. Rows are labelled by the value
 * at their centre, and a value is drawn on the row whose label is nearest to it (`rowOf`), so what
 * the labels say is where the points are.
 */

/** One column of one series: the range of the samples it covers, or undefined for a gap. */
export type Bucket = {readonly min: number; readonly max: number} | undefined;

/**
 * `values` (oldest first, NaN for gaps) cut into `columns` consecutive buckets of equal length,
 * each the min and max of its samples. A window shorter than `columns` gets one bucket per sample.
 */
export function buckets(values: ArrayLike<number>, columns: number): Bucket[] {
	const count = values.length;
	const width = Math.min(columns, count);
	const result: Bucket[] = [];
	for (let column = 0; column < width; column++) {
		const from = Math.floor((column * count) / width);
		const to = Math.floor(((column + 1) * count) / width);
		let min = Number.POSITIVE_INFINITY;
		let max = Number.NEGATIVE_INFINITY;
		for (let i = from; i < to; i++) {
			const value = values[i]!;
			if (!Number.isNaN(value)) {
				min = Math.min(min, value);
				max = Math.max(max, value);
			}
		}

		result.push(min === Number.POSITIVE_INFINITY ? undefined : {min, max});
	}

	return result;
}

/** Which samples of the window a column covers (the same cut as `buckets`). */
export function columnOf(index: number, count: number, columns: number): number {
	const width = Math.min(columns, count);
	return Math.min(width - 1, Math.floor(((index + 0.5) * width) / count));
}

export type Scale = {readonly min: number; readonly max: number; readonly rows: number};

/** The value a row stands for: row 0 (top) is `max`, the last row `min`. */
export function rowValue(scale: Scale, row: number): number {
	// From the bottom, so the last row is exactly `min` (0, not -1e-13 printed as `-0.0K`).
	return scale.rows <= 1 ? scale.max : scale.min + (((scale.max - scale.min) * (scale.rows - 1 - row)) / (scale.rows - 1));
}

/** The row whose value is nearest to `value` (clamped to the plot). */
function rowOf(scale: Scale, value: number): number {
	if (scale.rows <= 1 || scale.max === scale.min) {
		return 0;
	}

	const row = Math.round(((scale.max - value) / (scale.max - scale.min)) * (scale.rows - 1));
	return Math.min(scale.rows - 1, Math.max(0, row));
}

export type PlotSeries = {readonly buckets: readonly Bucket[]; readonly color: string};

/** A cell: the series drawn there (by index), or several, or none. */
export type Cell = {readonly text: string; readonly series: number | 'several' | undefined};

/** Where two or more series fall in the same cell (said in the legend). */
export const overlapGlyph = '≡';

/**
 * The plot as `scale.rows` rows of `columns` cells. A series draws `─` where its column's range is
 * one row, `│` along a range that spans rows (`╽`/`╿` would be finer but are missing from many
 * fonts); cells where series meet show `overlapGlyph`, so no line hides another.
 */
export function plotCells(series: readonly PlotSeries[], scale: Scale, columns: number): Cell[][] {
	const grid: Cell[][] = Array.from({length: scale.rows}, () => Array.from({length: columns}, (): Cell => ({text: ' ', series: undefined})));
	for (const [index, {buckets: columnsOfSeries}] of series.entries()) {
		// Right-aligned: the newest sample is always in the last column.
		const offset = columns - columnsOfSeries.length;
		for (const [column, bucket] of columnsOfSeries.entries()) {
			if (bucket === undefined || column + offset < 0) {
				continue;
			}

			const top = rowOf(scale, bucket.max);
			const bottom = rowOf(scale, bucket.min);
			for (let row = top; row <= bottom; row++) {
				const cell = grid[row]![column + offset]!;
				const text = top === bottom ? '─' : '│';
				grid[row]![column + offset] = cell.series === undefined ? {text, series: index} : {text: overlapGlyph, series: 'several'};
			}
		}
	}

	return grid;
}

/** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at least `raw`: steps a reader adds up at a glance. */
export function niceStep(raw: number): number {
	if (!(raw > 0) || !Number.isFinite(raw)) {
		return 1;
	}

	const power = 10 ** Math.floor(Math.log10(raw));
	for (const multiple of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) {
		if (multiple * power >= raw * (1 - 1e-9)) {
			return multiple * power;
		}
	}

	return 10 * power;
}
