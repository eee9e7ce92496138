import * as asciichart from 'asciichart';
import {type PreparedChart, prepareChart} from './chart-data.js';
import {formatBytes, formatCount, formatPercent} from './format.js';
import type {SeriesStats} from './ring-buffer.js';
import {fitLine, type Line, padLeft, type Segment} from './text.js';

export type ChartKind = 'percent' | 'bytes' | 'count';

export type ChartSeries = {
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
};

const ansiColors: Record<string, string> = {
	red: asciichart.red,
	green: asciichart.green,
	yellow: asciichart.yellow,
	blue: asciichart.blue,
	magenta: asciichart.magenta,
	cyan: asciichart.cyan,
};

const colorByCode = new Map(Object.entries(ansiColors).map(([name, code]) => [code, name]));

/**
 * asciichart colours each cell with escape codes; turning them back into segments keeps every line
 * measurable (and cut-able) like the rest of the screen.
 */
export function ansiToSegments(text: string): Segment[] {
	const segments: Segment[] = [];
	let color: string | undefined;
	let last = 0;
	// eslint-disable-next-line no-control-regex
	const escapes = /\u001B\[(\d+)m/g;
	for (const match of text.matchAll(escapes)) {
		if (match.index > last) {
			segments.push({text: text.slice(last, match.index), color});
		}

		color = match[1] === '0' || match[1] === '39' ? undefined : colorByCode.get(match[0]);
		last = match.index + match[0].length;
	}

	if (last < text.length) {
		segments.push({text: text.slice(last), color});
	}

	return segments;
}

/** A value of this kind as the table shows it (at most 5 characters), for the min/avg/max lines. */
export function formatValue(kind: ChartKind, value: number): string {
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
 * Axis labels: as short as the values, but with enough decimals that neighbouring rows differ
 * (a memory axis spanning 12.30M to 12.34M over 8 rows needs two).
 */
export function axisFormatter(kind: ChartKind, min: number, max: number, rows: number): (value: number) => string {
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
			return value => `${Math.round(value)}B`;
		}
	} else if (kind === 'count' && step >= 1) {
		return value => String(Math.round(value));
	}

	// As many decimals as the step needs, as long as the label fits its width.
	const integerDigits = String(Math.floor(magnitude / unit)).length + (min < 0 ? 1 : 0);
	const room = Math.max(0, axisLabelWidth - integerDigits - suffix.length - 1);
	const decimals = Math.min(decimalsFor(step / unit), room);
	return value => `${(value / unit).toFixed(decimals)}${suffix}`;
}

function decimalsFor(step: number): number {
	if (step <= 0 || step >= 1) {
		return step === 0 ? 1 : 0;
	}

	return Math.min(2, Math.ceil(-Math.log10(step)));
}

export function statsText(kind: ChartKind, stats: SeriesStats | undefined): string {
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

function plotRange(chart: PreparedChart, kind: ChartKind, zeroBased: boolean, rows: number): {min: number; max: number} {
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	for (const series of chart.series) {
		for (const value of series.points ?? []) {
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
	}

	if (zeroBased) {
		min = Math.min(0, min);
	}

	if (kind === 'count' && max - min < rows) {
		// Whole numbers: at least one per row, so no two rows carry the same label.
		const low = zeroBased ? min : Math.max(0, Math.floor(((min + max) / 2) - (rows / 2)));
		return {min: low, max: low + rows};
	}

	if (max - min <= 0) {
		// asciichart draws a single row for a flat series; give it a range so the height holds.
		// Nothing at all (an idle disk): a 1K range rather than an axis of 0B, 1B, 1B...
		const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.01 : (kind === 'bytes' ? 1024 : 1);
		return zeroBased ? {min, max: max + pad} : {min: min - pad, max: max + pad};
	}

	return {min, max};
}

/**
 * A chart panel as exactly `height` lines of exactly `width` characters: a title line, then for
 * several series one legend-and-stats line each (one series puts its stats in the title), then the
 * plot. When there is no data yet the plot area says so instead of throwing.
 */
export function chartLines(spec: ChartSpec, width: number, height: number): {lines: Line[]; chart: PreparedChart | undefined} {
	const points = plotPoints(width);
	const chart = prepareChart(spec.series.map(series => series.values), points);
	const lines: Line[] = [];
	const [single] = spec.series;
	if (spec.series.length === 1 && single) {
		lines.push([{text: spec.title, bold: true}, {text: '  '}, {text: statsText(spec.kind, chart?.series[0]?.stats), dim: !chart}]);
	} else {
		lines.push([{text: spec.title, bold: true}]);
		const labelWidth = Math.max(...spec.series.map(series => series.label.length)) + 1;
		for (const [index, series] of spec.series.entries()) {
			const stats = chart?.series[index]?.stats;
			lines.push([{text: '━ ', color: series.color}, {text: series.label.padEnd(labelWidth), color: series.color}, {text: statsText(spec.kind, stats), dim: !stats}]);
		}
	}

	const plotHeight = height - lines.length;
	const drawable = chart?.series.flatMap((series, index) => (series.points ? [{points: series.points, color: spec.series[index]!.color}] : [])) ?? [];
	if (chart && drawable.length > 0 && plotHeight >= 2) {
		const {min, max} = plotRange(chart, spec.kind, spec.zeroBased, plotHeight - 1);
		const format = axisFormatter(spec.kind, min, max, plotHeight - 1);
		const plot = asciichart.plot(drawable.map(series => series.points), {
			height: plotHeight - 1,
			min,
			max,
			// The label fills one cell of the grid whatever its length: offset 2 puts the axis right after it.
			offset: 2,
			format: value => `${padLeft(format(value), axisLabelWidth)} `,
			colors: drawable.map(series => ansiColors[series.color]),
		});
		for (const row of plot.split('\n')) {
			lines.push(ansiToSegments(row));
		}
	} else if (plotHeight >= 1) {
		lines.push([{text: chart ? '' : '  waiting for samples…', dim: true}]);
	}

	const fitted = lines.slice(0, height).map(line => fitLine(line, width));
	while (fitted.length < height) {
		fitted.push(fitLine([], width));
	}

	return {lines: fitted, chart};
}
