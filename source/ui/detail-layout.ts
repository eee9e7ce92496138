import {type ChartSpec, chartLines} from './chart.js';
import {formatDuration} from './format.js';
import type {HistoryMetric} from './history-store.js';
import type {TableRow} from './table-rows.js';
import {stateCell} from './table-layout.js';
import {fitLine, type Line, type Segment, sanitize} from './text.js';

export type DetailInput = {
	readonly role: string;
	/** The role's row this tick, undefined when it is no longer listed. */
	readonly row: TableRow | undefined;
	/** The role's history window for a metric, oldest first, NaN for gaps. */
	readonly series: (metric: HistoryMetric) => Float64Array;
	/** Seconds between samples. */
	readonly interval: number;
	readonly width: number;
	readonly height: number;
};

/** The four charts of a process, in reading order. */
export function detailCharts(series: DetailInput['series']): ChartSpec[] {
	return [
		{title: 'CPU %', kind: 'percent', zeroBased: true, series: [{label: 'CPU', color: 'cyan', values: series('cpu')}]},
		{
			title: 'Memory',
			kind: 'bytes',
			zeroBased: false,
			series: [
				{label: 'RSS', color: 'green', values: series('rss')},
				{label: 'PSS', color: 'cyan', values: series('pss')},
				{label: 'USS', color: 'yellow', values: series('uss')},
			],
		},
		{
			title: 'Open FDs and threads',
			kind: 'count',
			zeroBased: false,
			series: [
				{label: 'FD', color: 'magenta', values: series('fd')},
				{label: 'THR', color: 'yellow', values: series('threads')},
			],
		},
		{
			title: 'Disk IO /s',
			kind: 'bytes',
			zeroBased: true,
			series: [
				{label: 'read', color: 'cyan', values: series('diskReadSpeed')},
				{label: 'write', color: 'magenta', values: series('diskWriteSpeed')},
			],
		},
	];
}

function titleLine(input: DetailInput, samples: number, perColumn: number): Line {
	const {row} = input;
	const segments: Segment[] = [{text: sanitize(input.role), bold: true, color: 'cyan'}];
	if (row?.sample) {
		segments.push({text: `  PID ${row.sample.pid}`});
		// comm is cut to 15 characters: only worth showing when it is not the daemon's own name.
		if (!row.sample.daemon.startsWith(row.sample.comm)) {
			segments.push({text: `  ${sanitize(row.sample.comm)}`, dim: true});
		}
	}

	const state = row ? stateCell(row) : {text: 'gone', color: 'red'};
	if (state.text !== '') {
		segments.push({text: '  '}, {text: state.text, color: state.color, dim: state.dim});
	}

	if (samples > 0) {
		const column = perColumn >= 2 ? `, 1 column ≈ ${formatDuration(perColumn * input.interval)}` : '';
		segments.push({text: `   last ${formatDuration(samples * input.interval)}${column}`, dim: true});
	}

	return fitLine(segments, input.width);
}

/** Lines of two panels side by side, separated by a rule. */
function sideBySide(left: readonly Line[], right: readonly Line[]): Line[] {
	return left.map((line, index) => [...line, {text: '│', dim: true}, ...(right[index] ?? [])]);
}

/**
 * The detail view as exactly `height` lines of `width`: a title, then CPU and memory over FD and IO
 * in a 2x2 grid; on a narrow terminal only CPU and memory, stacked.
 */
export function detailLines(input: DetailInput): Line[] {
	const {width, height} = input;
	if (height <= 0) {
		return [];
	}

	const charts = detailCharts(input.series);
	const body = height - 1;
	const lines: Line[] = [];
	let samples = 0;
	let perColumn = 1;
	const keepSpan = (chart: ReturnType<typeof chartLines>['chart']) => {
		if (chart && chart.samples > samples) {
			samples = chart.samples;
			perColumn = chart.samplesPerColumn;
		}
	};

	if (width >= 60) {
		const leftWidth = Math.floor((width - 1) / 2);
		const rightWidth = width - 1 - leftWidth;
		const topHeight = Math.ceil(body / 2);
		for (const [index, panelHeight] of [topHeight, body - topHeight].entries()) {
			const left = chartLines(charts[index * 2]!, leftWidth, panelHeight);
			const right = chartLines(charts[(index * 2) + 1]!, rightWidth, panelHeight);
			keepSpan(left.chart);
			lines.push(...sideBySide(left.lines, right.lines));
		}
	} else {
		const topHeight = Math.ceil(body / 2);
		for (const [index, panelHeight] of [topHeight, body - topHeight].entries()) {
			const panel = chartLines(charts[index]!, width, panelHeight);
			keepSpan(panel.chart);
			lines.push(...panel.lines);
		}
	}

	return [titleLine(input, samples, perColumn), ...lines].slice(0, height).map(line => fitLine(line, width));
}
