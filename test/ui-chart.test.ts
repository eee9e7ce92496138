import test from 'ava';
import {downsample, fillGaps, firstValueIndex, prepareChart} from '../source/ui/chart-data.js';
import {ansiToSegments, axisFormatter, type ChartSpec, chartLines, plotPoints} from '../source/ui/chart.js';
import {detailLines} from '../source/ui/detail-layout.js';
import type {HistoryMetric} from '../source/ui/history-store.js';
import {lineText} from '../source/ui/text.js';
import {fleet} from './helpers/ui-snapshots.js';
import {buildRows} from '../source/ui/table-rows.js';

const gap = Number.NaN;

test('downsampling averages equal buckets and ignores gaps', t => {
	t.deepEqual(downsample([1, 3, 5, 7], 2), [2, 6]);
	t.deepEqual(downsample([1, gap, gap, gap, 5, 7], 3), [1, gap, 6]);
	t.deepEqual(downsample([1, 2], 10), [1, 2], 'a short window is not stretched');
	t.deepEqual(downsample([1, 2], 0), []);
	t.is(downsample(Array.from({length: 3600}, (_, index) => index), 50).length, 50);
});

test('gaps are filled with the value before them, leading ones with the first value', t => {
	t.deepEqual(fillGaps([gap, gap, 2, gap, 5, gap]), [2, 2, 2, 2, 5, 5]);
	t.is(fillGaps([gap, gap]), undefined);
	t.is(fillGaps([]), undefined);
});

test('series that share an axis start where the first of them has a value', t => {
	t.is(firstValueIndex([[gap, gap, 1], [gap, 2, 3]]), 1);
	t.is(firstValueIndex([[gap], [gap]]), -1);
	const chart = prepareChart([[gap, gap, 1, 2], [gap, 5, gap, 7]], 10)!;
	t.is(chart.samples, 3);
	t.deepEqual(chart.series[0]!.points, [1, 1, 2]);
	t.deepEqual(chart.series[1]!.points, [5, 5, 7]);
	t.deepEqual(chart.series[0]!.stats, {min: 1, avg: 1.5, max: 2, count: 2});
});

test('a window of gaps only prepares nothing', t => {
	t.is(prepareChart([[gap, gap]], 10), undefined);
	t.is(prepareChart([[]], 10), undefined);
});

test('stats cover the raw window even when the plot is downsampled', t => {
	const values = Array.from({length: 1000}, (_, index) => (index === 500 ? 99 : 1));
	const chart = prepareChart([values], 20)!;
	t.is(chart.series[0]!.points!.length, 20);
	t.is(chart.series[0]!.stats!.max, 99, 'the spike is in the stats though averaged away in its bucket');
	t.is(chart.samplesPerColumn, 50);
});

const cpuSpec = (values: number[]): ChartSpec => ({title: 'CPU %', kind: 'percent', zeroBased: true, series: [{label: 'CPU', color: 'cyan', values}]});

test('a chart with gaps draws without throwing, with the right min and max', t => {
	const values = [gap, gap, 5, gap, 40, 12, gap, gap, 20, gap];
	const {lines, chart} = chartLines(cpuSpec(values), 40, 10);
	t.is(lines.length, 10);
	for (const line of lines) {
		t.is(lineText(line).length, 40);
	}

	const text = lines.map(line => lineText(line));
	t.regex(text[0]!, /min 5\.0 {2}avg 19\.3 {2}max 40\.0/);
	t.truthy(chart);
	t.true(text.some(line => line.includes('┤')), 'an axis is drawn');
	t.regex(text[1]!, /^\s*40 /, 'the top of the axis is the max');
	t.regex(text.at(-1)!, /^\s*0 /, 'CPU starts at 0');
});

test('a chart without any value says so instead of throwing', t => {
	const {lines, chart} = chartLines(cpuSpec([gap, gap, gap]), 40, 6);
	t.is(chart, undefined);
	t.is(lines.length, 6);
	t.regex(lineText(lines[0]!), /no data/);
	t.regex(lineText(lines[1]!), /waiting for samples/);
});

test('a flat series keeps the full height', t => {
	const {lines} = chartLines({title: 'FD', kind: 'count', zeroBased: false, series: [{label: 'FD', color: 'magenta', values: [24, 24, 24]}]}, 30, 8);
	const axisRows = lines.filter(line => /[┤┼]/.test(lineText(line)));
	t.is(axisRows.length, 7);
	const labels = axisRows.map(line => lineText(line).trim().split(' ')[0]);
	t.is(new Set(labels).size, labels.length, 'no two rows share a label');
});

test('memory draws three series in colour, each with its stats line', t => {
	const spec: ChartSpec = {
		title: 'Memory',
		kind: 'bytes',
		zeroBased: false,
		series: [
			{label: 'RSS', color: 'green', values: [20e6, 21e6, 22e6]},
			{label: 'PSS', color: 'cyan', values: [15e6, 15e6, 16e6]},
			{label: 'USS', color: 'yellow', values: [gap, gap, gap]},
		],
	};
	const {lines} = chartLines(spec, 50, 12);
	const text = lines.map(line => lineText(line));
	t.regex(text[1]!, /RSS +min 19\.1M/);
	t.regex(text[3]!, /USS +no data/);
	const colours = new Set(lines.slice(4).flatMap(line => line.map(segment => segment.color)).filter(Boolean));
	t.deepEqual([...colours].sort(), ['cyan', 'green'], 'the series without data is left out of the plot');
});

test('asciichart colour codes become segments', t => {
	t.deepEqual(ansiToSegments('ab\u001B[32mc\u001B[0md'), [{text: 'ab', color: undefined}, {text: 'c', color: 'green'}, {text: 'd', color: undefined}]);
});

test('axis labels get decimals when rows are close together', t => {
	t.is(axisFormatter('bytes', 12.3 * 1024 * 1024, 12.34 * 1024 * 1024, 8)(12.31 * 1024 * 1024), '12.31M');
	t.is(axisFormatter('bytes', 0, 400 * 1024 * 1024, 8)(200 * 1024 * 1024), '200M');
	t.is(axisFormatter('percent', 0, 100, 10)(50), '50');
	t.is(axisFormatter('percent', 0, 1, 10)(0.5), '0.5');
	t.is(axisFormatter('bytes', 1000 * 1024 * 1024, 1003 * 1024 * 1024, 10)(1001 * 1024 * 1024), '0.98G', 'under 1000 in its unit, like the table');
	t.is(axisFormatter('percent', 99.5, 100.5, 10)(100.25), '100.3', 'decimals give way to fit 6 characters');
	for (const [kind, low, high] of [['bytes', 0, 5e12], ['percent', 0, 3000], ['count', 60_000, 60_003], ['bytes', 1020, 1023]] as const) {
		const format = axisFormatter(kind, low, high, 8);
		t.true(format(high).length <= 6 && format(low).length <= 6, `${kind} ${high}`);
	}
});

test('the plot is as wide as the panel', t => {
	const values = Array.from({length: 500}, (_, index) => index % 17);
	const {lines} = chartLines(cpuSpec(values), 60, 8);
	t.true(lines.every(line => lineText(line).length === 60));
	t.is(plotPoints(60), 52);
});

test('the detail view fills its size with four charts and a title', t => {
	const [row] = buildRows(fleet(), {tree: true, sort: {key: 'name', descending: false}, filter: 'analysisd', collapsed: new Set()});
	const series = (metric: HistoryMetric) => Float64Array.from({length: 120}, (_, index) => (metric === 'cpu' ? index % 30 : 1e6 + index));
	for (const [width, height] of [[80, 20], [120, 36], [200, 56], [50, 14]] as const) {
		const lines = detailLines({role: 'wazuh-analysisd', row, series, interval: 1, width, height});
		t.is(lines.length, height);
		t.true(lines.every(line => lineText(line).length === width), `${width}x${height}`);
		const text = lines.map(line => lineText(line)).join('\n');
		t.regex(text, /wazuh-analysisd {2}PID 2101/);
		t.regex(text, /last 2m/);
		t.regex(text, /CPU %/);
		t.regex(text, /Memory/);
		if (width >= 60) {
			t.regex(text, /Open FDs/);
			t.regex(text, /Disk IO \/s/);
		}
	}
});
