import {type ChartSpec, chartLines} from './chart.js';
import {formatDuration} from './format.js';
import type {HistorySeries, StatsSeries} from '../model/history-store.js';
import type {DaemonLoad} from '../model/stats-rates.js';
import type {TableRow} from './table-rows.js';
import {stateCell} from './table-layout.js';
import {fitLine, type Line, type Segment, sanitize} from './text.js';
import {type ThreadPanel, threadLines, threadPanelHeight} from './thread-lines.js';

export type DetailInput = {
	readonly role: string;
	/** The role's row this tick, undefined when it is no longer listed. */
	readonly row: TableRow | undefined;
	/** The role's history over the chosen window for a metric, oldest first, NaN for gaps. */
	readonly series: (metric: HistorySeries) => Float64Array;
	/** Wall-clock ms of each sample of the window (same length as the series), NaN before the first. */
	readonly times?: Float64Array;
	/** The window's name as the title shows it (`1 min`, `10 min`, `all`). */
	readonly window?: string;
	/** Seconds between samples. */
	readonly interval: number;
	/** A daemon's own statistics over the same window, and its load now (its own row only). */
	readonly stats?: {readonly series: (series: StatsSeries) => Float64Array; readonly load: DaemonLoad};
	/** The process's threads and its CPU split into user and system, under the charts. */
	readonly threads?: ThreadPanel;
	readonly width: number;
	readonly height: number;
};

/**
 * Samples of the window where the role's PID changed from the one before it (gaps skipped): a
 * restart of a daemon, or a child replaced by a new process under the same role.
 */
export function restartsIn(pids: ArrayLike<number>): boolean[] {
	const marks: boolean[] = [];
	let last = Number.NaN;
	for (let i = 0; i < pids.length; i++) {
		const pid = pids[i]!;
		marks.push(!Number.isNaN(pid) && !Number.isNaN(last) && pid !== last);
		if (!Number.isNaN(pid)) {
			last = pid;
		}
	}

	return marks;
}

/**
 * The charts of a process in reading order. Memory gets a chart per measure, each on its own scale
 * (zoomed on its values), so a slow growth of a few hundred KB shows even at 80x24; on a short
 * terminal (`tall` false) USS and FD/threads give way.
 */
function detailCharts(series: DetailInput['series'], restarts: readonly boolean[], tall: boolean, stats: DetailInput['stats']): ChartSpec[] {
	const cpu: ChartSpec = {title: 'CPU %', kind: 'percent', zeroBased: true, restarts, series: [{label: 'CPU', color: 'cyan', values: series('cpuPercent')}]};
	const io: ChartSpec = {
		title: 'Disk IO /s',
		kind: 'bytes',
		zeroBased: true,
		restarts,
		series: [
			{label: 'read', color: 'cyan', values: series('diskReadSpeed')},
			{label: 'write', color: 'magenta', values: series('diskWriteSpeed')},
		],
	};
	const memory = (metric: 'rss' | 'pss' | 'uss', label: string, color: string): ChartSpec =>
		({title: label, kind: 'bytes', zeroBased: false, restarts, series: [{label, color, values: series(metric)}]});
	const counts: ChartSpec = {
		title: 'Open FDs and threads',
		kind: 'count',
		zeroBased: false,
		restarts,
		series: [
			{label: 'FD', color: 'magenta', values: series('fd')},
			{label: 'THR', color: 'yellow', values: series('threads')},
		],
	};
	if (stats !== undefined) {
		// What explains the CPU, on the same time axis: the daemon's load and its fullest queue.
		const load: ChartSpec = {
			title: 'Load /s (daemon stats)',
			kind: 'count',
			zeroBased: true,
			restarts,
			series: [
				{label: 'in', color: 'green', values: stats.series('loadRate')},
				{label: 'drop', color: 'red', values: stats.series('dropRate')},
			],
		};
		const queue: ChartSpec = {
			title: 'Fullest queue %',
			kind: 'percent',
			zeroBased: true,
			restarts,
			series: [{label: 'fill', color: 'yellow', values: stats.series('queueFill').map(fill => fill * 100)}],
		};
		return tall
			? [cpu, load, memory('rss', 'RSS', 'green'), queue, memory('pss', 'PSS', 'cyan'), io]
			: [cpu, load, memory('rss', 'RSS', 'green'), queue];
	}

	return tall
		? [cpu, io, memory('rss', 'RSS', 'green'), memory('pss', 'PSS', 'cyan'), memory('uss', 'USS', 'yellow'), counts]
		: [cpu, memory('rss', 'RSS', 'green'), memory('pss', 'PSS', 'cyan'), io];
}

const clock = (ms: number): string => {
	const date = new Date(ms);
	return [date.getHours(), date.getMinutes(), date.getSeconds()].map(part => String(part).padStart(2, '0')).join(':');
};

function titleLine(input: DetailInput, samples: number, perColumn: number): Line {
	const {row} = input;
	const segments: Segment[] = [{text: sanitize(input.role), bold: true, color: 'cyan'}];
	const sample = row?.sample;
	if (sample) {
		segments.push({text: `  PID ${sample.pid}`});
		if (sample.user !== undefined) {
			segments.push({text: `  ${sanitize(sample.user)}`});
		}

		if (sample.state !== undefined) {
			segments.push({text: `  ${sample.state}`, bold: true}, {text: ` ${stateName(sample.state)}`, dim: true});
		}
	}

	const state = row ? stateCell(row) : {text: 'gone', color: 'red'};
	if (state.text !== '') {
		segments.push({text: '  '}, {text: state.text, color: state.color, dim: state.dim});
	}

	if (samples > 0) {
		const column = perColumn >= 2 ? `, 1 column ≈ ${formatDuration(perColumn * input.interval)}` : '';
		const window = input.window === undefined ? '' : `window ${input.window} (w): `;
		segments.push({text: `   ${window}last ${formatDuration(samples * input.interval)}${column}`, dim: true});
	}

	return fitLine(segments, input.width);
}

/** What `ps` calls the states of /proc/PID/stat. */
function stateName(state: string): string {
	const names: Record<string, string> = {R: 'running', S: 'sleeping', D: 'disk wait', Z: 'zombie', T: 'stopped', t: 'traced', I: 'idle', X: 'dead'};
	return names[state] ?? '';
}

/** Started, uptime, threads, restarts in the window with their times, then the command line. */
function factsLine(input: DetailInput, restarts: readonly boolean[]): Line {
	const sample = input.row?.sample;
	const segments: Segment[] = [];
	const now = input.times?.at(-1);
	if (sample?.startTime !== undefined) {
		const started = sample.startTime * 1000;
		const up = now !== undefined && !Number.isNaN(now) ? `, up ${formatDuration((now - started) / 1000)}` : '';
		segments.push({text: `started ${clock(started)}${up}`});
	}

	if (sample) {
		segments.push({text: `  threads ${sample.threads}`});
	}

	// The footprint normalised by load, over the window (one tick's CPU % is too coarse: 0 or 1 %
	// for a quiet daemon): mean CPU seconds per 1,000 events received, as the report counts it.
	const cpu = meanOf(input.series('cpuPercent'));
	const rate = input.stats?.load.values.eventsReceived === undefined ? undefined : meanOf(input.stats.series('loadRate'));
	if (cpu !== undefined && rate !== undefined && rate > 0) {
		segments.push({text: `  CPU ${((cpu / 100) / (rate / 1000)).toPrecision(2)} s per 1,000 events`, bold: true});
	}

	const times: string[] = [];
	for (const [index, restarted] of restarts.entries()) {
		const time = input.times?.[index];
		if (restarted) {
			times.push(time === undefined || Number.isNaN(time) ? '?' : clock(time));
		}
	}

	segments.push(times.length === 0
		? {text: '  no restart in the window', dim: true}
		: {text: `  restarts ${times.length}: ${times.slice(-4).join(' ')}${times.length > 4 ? ' …' : ''}`, color: 'yellow'});
	if (sample?.command !== undefined) {
		segments.push({text: '  $ ', dim: true}, {text: sanitize(sample.command)});
	}

	return fitLine(segments, input.width);
}

/** The mean of the defined values; undefined when there are none. */
function meanOf(values: Float64Array): number | undefined {
	let sum = 0;
	let count = 0;
	for (const value of values) {
		if (!Number.isNaN(value)) {
			sum += value;
			count++;
		}
	}

	return count === 0 ? undefined : sum / count;
}

/** Lines of two panels side by side, separated by a rule. */
function sideBySide(left: readonly Line[], right: readonly Line[]): Line[] {
	return left.map((line, index) => [...line, {text: '│', dim: true}, ...(right[index] ?? [])]);
}

/** Shortest terminal body with three rows of charts (else two). */
const tallBody = 30;

/**
 * The detail view as exactly `height` lines of `width`: a title and a line of facts, then the charts
 * two by two (three rows of them when the terminal is tall); on a narrow terminal only CPU and RSS,
 * stacked; then the process's threads (thread-lines.ts).
 */
export function detailLines(input: DetailInput): Line[] {
	const {width, height} = input;
	if (height <= 0) {
		return [];
	}

	const restarts = restartsIn(input.series('pid'));
	const threads = input.threads === undefined ? [] : threadLines(input.threads, width, threadPanelHeight(height - 2));
	const body = height - 2 - threads.length;
	const tall = body >= tallBody && width >= 60;
	const charts = detailCharts(input.series, restarts, tall, input.stats);
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
		const panelRows = tall ? 3 : 2;
		for (let index = 0; index < panelRows; index++) {
			const panelHeight = Math.floor(body / panelRows) + (index < body % panelRows ? 1 : 0);
			const left = chartLines(charts[index * 2]!, leftWidth, panelHeight);
			const right = chartLines(charts[(index * 2) + 1]!, rightWidth, panelHeight);
			keepSpan(left.chart);
			lines.push(...sideBySide(left.lines, right.lines));
		}
	} else {
		const topHeight = Math.ceil(body / 2);
		// CPU and RSS: the two questions (why so busy, is it leaking) on a narrow terminal.
		for (const [index, panelHeight] of [[0, topHeight], [charts.findIndex(chart => chart.title === 'RSS'), body - topHeight]] as const) {
			const panel = chartLines(charts[index]!, width, panelHeight);
			keepSpan(panel.chart);
			lines.push(...panel.lines);
		}
	}

	return [titleLine(input, samples, perColumn), factsLine(input, restarts), ...lines, ...threads].slice(0, height).map(line => fitLine(line, width));
}
