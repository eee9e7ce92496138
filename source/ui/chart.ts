import {type Bucket, buckets, columnOf, niceStep, overlapGlyph, plotCells, rowValue, type Scale} from './plot.js';
import {formatBytes, formatCount, formatPercent} from './format.js';
import {type SeriesStats, seriesStats} from '../model/ring-buffer.js';
import {fitLine, type Line, padLeft, type Segment} from './text.js';

export type ChartKind = 'percent' | 'bytes' | 'count';

type ChartSeries = {
	readonly label: string;
	/** An Ink colour name among red, green, yellow, blue, magenta, cyan. */
	readonly color: string;
	/** Raw window, oldest first, NaN for gaps. */
	readonly values: ArrayLike<number>;
};

export type ChartSpec = {
	readonly title: string;
	readonly kind: ChartKind;
	/** Keep 0 on the axis (CPU, IO rates); otherwise the axis zooms on the data (memory, FD). */
	readonly zeroBased: boolean;
	readonly series: readonly ChartSeries[];
	/** Samples of the window (same length as the series) where the process restarted: marked `↻` under the plot. */
	readonly restarts?: ArrayLike<boolean>;
};

/** A value of this kind as the table shows it (at most 5 characters), for the min/avg/max lines. */
function formatValue(kind: ChartKind, value: number): string {
	switch (kind) {
		case 'percent': {
			return formatPercent(value);
		}

		case 'bytes': {
			return formatBytes(value);
		}

		case 'count': {
			return formatCount(value);
		}
	}
}

/**
 * The label format, and the smallest step a label can show (the axis's ends are rounded out to it).
 * Labels are as short as the values, but with enough decimals that neighbouring rows differ (a memory
 * axis spanning 12.30M to 12.34M over 8 rows needs two).
 */
export function axisLabels(kind: ChartKind, min: number, max: number, rows: number): {format: (value: number) => string; quantum: number; unit: number} {
	const step = rows > 0 ? (max - min) / rows : 0;
	const magnitude = Math.max(Math.abs(min), Math.abs(max));
	let unit = 1;
	let suffix = '';
	if (kind === 'bytes') {
		// Like the table: a unit in which the largest value stays under 1000 (0.98G, not 1003M).
		const units = ['B', 'K', 'M', 'G', 'T', 'P'];
		let power = 0;
		while (power < units.length - 1 && magnitude / (1024 ** power) >= 999.5) {
			power++;
		}

		unit = 1024 ** power;
		suffix = units[power]!;
		if (power === 0) {
			return {format: value => `${Math.round(value)}B`, quantum: 1, unit: 1};
		}

		// Zero is `0B` in any unit: `0.0K` reads as a rounded small value.
		const inUnit = labelsIn(unit, suffix, min, max, rows, magnitude);
		return {format: value => (value === 0 ? '0B' : inUnit.format(value)), quantum: inUnit.quantum, unit};
	} else if (kind === 'count' && step >= 1) {
		return {format: value => String(Math.round(value)), quantum: 1, unit: 1};
	}

	return labelsIn(unit, suffix, min, max, rows, magnitude);
}

/** The labels of a chart's rows, for rows `rows` steps apart from `min` to `max`, in `unit`. */
function rowLabels(kind: ChartKind, unit: number, min: number, max: number, rows: number): (value: number) => string {
	return kind === 'bytes' && unit > 1 ? labelsWithUnit(unit, min, max, rows) : axisLabels(kind, min, max, rows).format;
}

/** Every row's label (rows `step` apart from `low`, in `unit`) reads back as its row's value. */
function labelsExact(format: (value: number) => string, low: number, step: number, rows: number, unit: number): boolean {
	for (let row = 0; row < rows; row++) {
		const value = (low + (step * row)) * unit;
		const label = format(value);
		// `51.67M` is in the unit, `512B` and `0B` in bytes, a percent or a count in itself.
		const shown = Number.parseFloat(label) * (label.endsWith('B') ? 1 : unit);
		if (Math.abs(shown - value) > 1e-9 * Math.max(1, Math.abs(value))) {
			return false;
		}
	}

	return true;
}

/** Byte labels in a given unit (K, M, G...), `0B` for zero. */
function labelsWithUnit(unit: number, min: number, max: number, rows: number): (value: number) => string {
	const suffix = ['B', 'K', 'M', 'G', 'T', 'P'][Math.round(Math.log(unit) / Math.log(1024))]!;
	const inUnit = labelsIn(unit, suffix, min, max, rows, Math.max(Math.abs(min), Math.abs(max)));
	return value => (value === 0 ? '0B' : inUnit.format(value));
}

function labelsIn(unit: number, suffix: string, min: number, max: number, rows: number, magnitude: number): {format: (value: number) => string; quantum: number; unit: number} {
	const step = rows > 0 ? (max - min) / rows : 0;
	// As many decimals as the step needs, as long as the label fits its width.
	const integerDigits = String(Math.floor(magnitude / unit)).length + (min < 0 ? 1 : 0);
	const room = Math.max(0, axisLabelWidth - integerDigits - suffix.length - 1);
	const decimals = Math.min(decimalsFor(step / unit), room);
	return {format: value => `${(value / unit).toFixed(decimals)}${suffix}`, quantum: unit / (10 ** decimals), unit};
}

function decimalsFor(step: number): number {
	if (step <= 0) {
		return 1;
	}

	// As many as the step has (2.5 -> 1, 0.25 -> 2), so every row's label is exact; at most 3.
	for (let decimals = 0; decimals < 3; decimals++) {
		const scaled = step * (10 ** decimals);
		if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) {
			return decimals;
		}
	}

	return 3;
}

function statsText(kind: ChartKind, stats: SeriesStats | undefined): string {
	if (!stats) {
		return 'no data';
	}

	return `min ${formatValue(kind, stats.min)}  avg ${formatValue(kind, stats.avg)}  max ${formatValue(kind, stats.max)}`;
}

/** Room the axis labels take before the plotted points (label, a space, the axis). */
const labelRoom = (labelWidth: number) => labelWidth + 2;

/** Width of the axis labels, the same for every chart so the plots of a column line up. */
const axisLabelWidth = 6;

/** How many points a chart of `width` characters plots. */
export function plotPoints(width: number): number {
	return Math.max(0, width - labelRoom(axisLabelWidth));
}

/** What a chart panel drew: the window it covers and how the labels map to rows (for tests). */
export type DrawnChart = {
	/** Raw samples covered, from the first one with a value to the newest. */
	readonly samples: number;
	/** Raw samples in one column (1 when each sample has its own). */
	readonly samplesPerColumn: number;
	readonly stats: ReadonlyArray<SeriesStats | undefined>;
	readonly scale: Scale | undefined;
};

/** Index of the first sample where any series has a value; -1 when all are gaps. */
export function firstValueIndex(series: readonly ArrayLike<number>[]): number {
	let first = -1;
	for (const values of series) {
		for (let i = 0; i < values.length && (first === -1 || i < first); i++) {
			if (!Number.isNaN(values[i]!)) {
				first = i;
				break;
			}
		}
	}

	return first;
}

function plotRange(columns: ReadonlyArray<readonly Bucket[]>, kind: ChartKind, zeroBased: boolean, rows: number): {min: number; max: number} {
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	for (const series of columns) {
		for (const bucket of series) {
			if (bucket) {
				min = Math.min(min, bucket.min);
				max = Math.max(max, bucket.max);
			}
		}
	}

	if (zeroBased) {
		min = Math.min(0, min);
	}

	if (kind === 'count' && max - min < rows - 1) {
		// Whole numbers: one per row, so no two rows carry the same label and each row is exact.
		const low = zeroBased ? min : Math.max(0, Math.floor(((min + max) / 2) - ((rows - 1) / 2)));
		return {min: low, max: Math.max(max, low + rows - 1)};
	}

	if (max - min <= 0) {
		// A flat series: give it a range so the height holds. Nothing at all (an idle disk): a 1K
		// range rather than an axis of 0B, 1B, 1B...
		const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.01 : (kind === 'bytes' ? 1024 : 1);
		return zeroBased ? {min, max: max + pad} : {min: min - pad, max: max + pad};
	}

	return {min, max};
}

/**
 * A chart panel as exactly `height` lines of exactly `width` characters: a title line, then for
 * several series one legend-and-stats line each (one series puts its stats in the title), then the
 * plot and a time axis marking restarts. When there is no data yet the plot area says so.
 */
export function chartLines(spec: ChartSpec, width: number, height: number): {lines: Line[]; chart: DrawnChart | undefined} {
	const points = plotPoints(width);
	const first = firstValueIndex(spec.series.map(series => series.values));
	const windows = first === -1 ? [] : spec.series.map(series => Array.prototype.slice.call(series.values, first) as number[]);
	const stats = windows.map(window => seriesStats(window));
	const samples = windows[0]?.length ?? 0;
	const lines: Line[] = [];
	const [single] = spec.series;
	if (spec.series.length === 1 && single) {
		lines.push([{text: spec.title, bold: true}, {text: '  '}, {text: statsText(spec.kind, stats[0]), dim: !stats[0]}]);
	} else {
		lines.push([{text: spec.title, bold: true}, {text: `  (${overlapGlyph} where lines meet)`, dim: true}]);
		const labelWidth = Math.max(...spec.series.map(series => series.label.length)) + 1;
		for (const [index, series] of spec.series.entries()) {
			lines.push([{text: '━ ', color: series.color}, {text: series.label.padEnd(labelWidth), color: series.color}, {text: statsText(spec.kind, stats[index]), dim: !stats[index]}]);
		}
	}

	// The plot, then one line of time axis under it.
	const plotRows = height - lines.length - 1;
	let scale: Scale | undefined;
	if (samples > 0 && points > 0 && plotRows >= 2) {
		const columns = windows.map(window => buckets(window, points));
		const range = plotRange(columns, spec.kind, spec.zeroBased, plotRows);
		// Rows a nice step apart (1, 2 or 5 x 10^k in the axis's unit) from a multiple of that step, so
		// every label is exact and reads at a glance; the step grows until the top reaches the largest
		// sample. A value is then drawn on the row whose label is nearest to it.
		let {unit} = axisLabels(spec.kind, range.min, range.max, plotRows - 1);
		let step = 1;
		let low = 0;
		// Twice at most: when rounding the top up crosses into the next unit (999M -> 1.0G), the
		// steps are chosen again in that unit, where its labels can show them.
		for (let pass = 0; pass < 2; pass++) {
			const whole = spec.kind === 'count' || (unit === 1 && spec.kind === 'bytes');
			step = niceStep(Math.max(whole ? 1 : 0, (range.max - range.min) / (plotRows - 1) / unit));
			for (;;) {
				low = Math.floor((range.min / unit / step) + 1e-9) * step;
				const top = low + (step * (plotRows - 1));
				// The top reaches the largest sample, and the labels can show the step: a tiny spread on a
				// large value (51.665M to 51.669M) gets rows 0.01M apart, not 1.5K apart all labelled 51.67M.
				if (top * unit >= range.max * (1 - 1e-12) && labelsExact(rowLabels(spec.kind, unit, low * unit, top * unit, plotRows - 1), low, step, plotRows, unit)) {
					break;
				}

				step = niceStep(step * 1.01);
			}

			const topUnit = axisLabels(spec.kind, low * unit, (low + (step * (plotRows - 1))) * unit, plotRows - 1).unit;
			// The second pass's steps stand, whatever unit their top would prefer.
			if (topUnit === unit || pass === 1) {
				break;
			}

			unit = topUnit;
		}

		scale = {min: low * unit, max: (low + (step * (plotRows - 1))) * unit, rows: plotRows};
		// Labels in the unit the steps were chosen in (near a unit's edge the two passes may disagree:
		// the steps of the last pass are the ones drawn, so its unit is the one that shows them).
		const format = rowLabels(spec.kind, unit, scale.min, scale.max, plotRows - 1);
		const grid = plotCells(columns.map((buckets, index) => ({buckets, color: spec.series[index]!.color})), scale, points);
		for (const [row, cells] of grid.entries()) {
			const segments: Segment[] = [{text: `${padLeft(format(rowValue(scale, row)), axisLabelWidth)} ┤`}];
			for (const cell of cells) {
				const color = typeof cell.series === 'number' ? spec.series[cell.series]!.color : undefined;
				const last = segments.at(-1)!;
				if (last.color === color && segments.length > 1) {
					segments[segments.length - 1] = {...last, text: last.text + cell.text};
				} else {
					segments.push({text: cell.text, color});
				}
			}

			lines.push(segments);
		}

		lines.push(timeAxis(spec, first, samples, points));
	} else if (height - lines.length >= 1) {
		lines.push([{text: samples > 0 ? '' : '  waiting for samples…', dim: true}]);
	}

	const fitted = lines.slice(0, height).map(line => fitLine(line, width));
	while (fitted.length < height) {
		fitted.push(fitLine([], width));
	}

	const chart = samples > 0 ? {samples, samplesPerColumn: Math.max(1, samples / points), stats, scale} : undefined;
	return {lines: fitted, chart};
}

/** `└───↻──`: the time axis, with `↻` under each column where the process restarted. */
function timeAxis(spec: ChartSpec, first: number, samples: number, points: number): Line {
	const columns = Math.min(points, samples);
	const marks = new Set<number>();
	const restarts = spec.restarts;
	if (restarts) {
		for (let i = first; i < restarts.length; i++) {
			if (restarts[i]) {
				marks.add(columnOf(i - first, samples, points));
			}
		}
	}

	let axis = '';
	for (let column = 0; column < columns; column++) {
		axis += marks.has(column) ? '↻' : '─';
	}

	const segments: Segment[] = [{text: `${' '.repeat(axisLabelWidth)} └`, dim: true}, {text: '─'.repeat(points - columns), dim: true}];
	for (const part of axis.split(/(↻)/)) {
		if (part !== '') {
			segments.push(part === '↻' ? {text: part, color: 'yellow', bold: true} : {text: part, dim: true});
		}
	}

	return segments;
}
