import test from 'ava';
import {axisLabels, type ChartSpec, chartLines, firstValueIndex, plotPoints} from '../../../source/ui/chart.js';
import {buckets, columnOf, overlapGlyph} from '../../../source/ui/plot.js';
import {seededRandom} from '../../helpers/random.js';
import {detailLines, restartsIn} from '../../../source/ui/detail-layout.js';
import type {HistorySeries} from '../../../source/model/history-store.js';
import {lineText} from '../../helpers/ui-lines.js';
import {fleet} from '../../helpers/ui-snapshots.js';
import {buildRows} from '../../../source/ui/table-rows.js';

const gap = Number.NaN;

test('a column draws the whole range of its samples: a one-sample burst is kept', t => {
	t.deepEqual(buckets([1, 99, 1, 1], 2), [{min: 1, max: 99}, {min: 1, max: 1}]);
	t.deepEqual(buckets([1, gap, gap, gap, 5, 7], 3), [{min: 1, max: 1}, undefined, {min: 5, max: 7}], 'a column without samples is a gap');
	t.deepEqual(buckets([1, 2], 10), [{min: 1, max: 1}, {min: 2, max: 2}], 'a short window is not stretched');
	t.is(buckets(Array.from({length: 3600}, (_, index) => index), 50).length, 50);
	t.is(columnOf(3599, 3600, 50), 49);
	t.is(columnOf(0, 3600, 50), 0);
});

test('series that share an axis start where the first of them has a value', t => {
	t.is(firstValueIndex([[gap, gap, 1], [gap, 2, 3]]), 1);
	t.is(firstValueIndex([[gap], [gap]]), -1);
	const {chart} = chartLines({title: 'x', kind: 'count', zeroBased: false, series: [{label: 'a', color: 'cyan', values: [gap, gap, 1, 2]}, {label: 'b', color: 'green', values: [gap, 5, gap, 7]}]}, 30, 10);
	t.is(chart!.samples, 3);
	t.deepEqual(chart!.stats[0], {min: 1, avg: 1.5, max: 2, count: 2});
});

/** Reads an axis label back: `12.3M` -> bytes, `40` -> 40. */
function labelValue(label: string): number {
	const match = /^(-?[\d.]+)([BKMGTP]?)$/.exec(label)!;
	const power = ['B', 'K', 'M', 'G', 'T', 'P'].indexOf(match[2] || 'B');
	return Number(match[1]) * (1024 ** Math.max(0, power));
}

/** The plot rows of chart lines: [label value, cells after the axis]. */
function plotRows(lines: ReturnType<typeof chartLines>['lines']): Array<{label: number; cells: string}> {
	return lines.map(line => lineText(line)).filter(text => text.includes('┤')).map(text => {
		const [label, cells] = text.split(' ┤');
		return {label: labelValue(label!.trim()), cells: cells!};
	});
}

test('every point is drawn on the row whose label is nearest to it, and the axis reaches the max (seeded)', t => {
	const generator = seededRandom();
	t.log(`seed ${generator.seed} (WAZUH_METRICS_TEST_SEED replays it)`);
	const random = generator.next;
	for (let round = 0; round < 200; round++) {
		const kind = (['percent', 'bytes', 'count'] as const)[round % 3]!;
		const scale = kind === 'bytes' ? 1024 * 1024 * (1 + (random() * 500)) : (kind === 'percent' ? 1 + (random() * 400) : 1 + Math.floor(random() * 300));
		const base = kind === 'bytes' ? scale * 10 : 0;
		const count = 5 + Math.floor(random() * 40);
		const values = Array.from({length: count}, () => {
			const value = base + (random() * scale);
			return kind === 'count' ? Math.round(value) : value;
		});
		const width = 8 + count + Math.floor(random() * 10);
		const height = 6 + Math.floor(random() * 14);
		const {lines, chart} = chartLines({title: 't', kind, zeroBased: kind === 'percent', series: [{label: 'v', color: 'cyan', values}]}, width, height);
		const rows = plotRows(lines);
		const max = chart!.stats[0]!.max;
		t.true(rows[0]!.label >= max - 1e-6, `${kind}: axis top ${rows[0]!.label} below the max ${max}\n${lines.map(line => lineText(line)).join("\n")}`);
		// One sample per column, right-aligned: column c holds values[c - offset].
		const offset = rows[0]!.cells.length - count;
		for (const [index, value] of values.entries()) {
			const drawnOn = rows.findIndex(row => row.cells[offset + index] !== ' ');
			t.not(drawnOn, -1, `sample ${index} drawn`);
			const distances = rows.map(row => Math.abs(row.label - value));
			const nearest = Math.min(...distances);
			// The label nearest to the value is the drawn row's (ties between two labels allowed).
			t.true(distances[drawnOn]! <= nearest + (Math.abs(rows[0]!.label - rows[1]!.label) * 1e-6) + 1e-9,
				`${kind} ${value} drawn on the row labelled ${rows[drawnOn]!.label}; nearest label is ${rows[distances.indexOf(nearest)]!.label}`);
		}
	}
});

test('where nothing was measured nothing is drawn, and restarts are marked on the time axis', t => {
	const values = [5, 6, 7, gap, gap, gap, 7, 8];
	const restarts = [false, false, false, false, false, false, true, false];
	const {lines} = chartLines({title: 'CPU %', kind: 'percent', zeroBased: true, series: [{label: 'CPU', color: 'cyan', values}], restarts}, 30, 10);
	const rows = plotRows(lines);
	const offset = rows[0]!.cells.length - values.length;
	for (const index of [3, 4, 5]) {
		t.true(rows.every(row => row.cells[offset + index] === ' '), `column ${index} is empty`);
	}

	for (const index of [0, 1, 2, 6, 7]) {
		t.true(rows.some(row => row.cells[offset + index] !== ' '), `column ${index} is drawn`);
	}

	const axis = lineText(lines.at(-1)!);
	t.is(axis.indexOf('↻'), axis.indexOf('└') + 1 + offset + 6);
	t.is([...axis].filter(character => character === '↻').length, 1);
});

test('lines that meet are drawn as one mark, not broken into each other', t => {
	const same = [10e6, 10e6, 11e6, 12e6];
	const {lines} = chartLines({title: 'M', kind: 'bytes', zeroBased: false, series: [{label: 'PSS', color: 'cyan', values: same}, {label: 'USS', color: 'yellow', values: same}]}, 30, 10);
	const cells = plotRows(lines).map(row => row.cells).join('');
	t.is([...cells].filter(character => character === overlapGlyph).length, 4);
	t.false(/[╭╮╯╰]/.test(cells));
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
	t.regex(text[1]!, /^\s*42 /, 'the top of the axis: the max rounded up to whole steps (7 steps of 6)');
	t.regex(text.at(-2)!, /^\s*0 /, 'CPU starts at 0');
	t.regex(text.at(-1)!, /^ +└─+$/, 'the time axis');
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
	t.is(axisRows.length, 6, 'the panel less its title and time axis');
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

test('axis labels get decimals when rows are close together', t => {
	t.is(axisLabels('bytes', 12.3 * 1024 * 1024, 12.34 * 1024 * 1024, 8).format(12.31 * 1024 * 1024), '12.31M');
	t.is(axisLabels('bytes', 0, 400 * 1024 * 1024, 8).format(200 * 1024 * 1024), '200M');
	t.is(axisLabels('percent', 0, 100, 10).format(50), '50');
	t.is(axisLabels('bytes', 0, 1024, 4).format(0), '0B', 'an idle disk\'s axis starts at 0B, not 0.0K');
	t.is(axisLabels('bytes', 0, 1024, 4).format(512), '0.50K', 'rows 0.25K apart: two decimals, so every label is exact');
	t.is(axisLabels('percent', 0, 1, 10).format(0.5), '0.5');
	t.is(axisLabels('bytes', 1000 * 1024 * 1024, 1003 * 1024 * 1024, 10).format(1001 * 1024 * 1024), '0.978G', 'under 1000 in its unit, like the table');
	t.is(axisLabels('percent', 99.5, 100.5, 10).format(100.25), '100.3', 'decimals give way to fit 6 characters');
	for (const [kind, low, high] of [['bytes', 0, 5e12], ['percent', 0, 3000], ['count', 60_000, 60_003], ['bytes', 1020, 1023]] as const) {
		const format = axisLabels(kind, low, high, 8).format;
		t.true(format(high).length <= 6 && format(low).length <= 6, `${kind} ${high}`);
	}
});

test('the plot is as wide as the panel', t => {
	const values = Array.from({length: 500}, (_, index) => index % 17);
	const {lines} = chartLines(cpuSpec(values), 60, 8);
	t.true(lines.every(line => lineText(line).length === 60));
	t.is(plotPoints(60), 52);
});

test('the detail view fills its size: title, facts, and charts (memory measures each on its own scale)', t => {
	const [row] = buildRows(fleet(), {tree: true, sort: {key: 'name', descending: false}, filter: 'analysisd', collapsed: new Set()});
	const series = (metric: HistorySeries) => Float64Array.from({length: 120}, (_, index) => (metric === 'cpuPercent' ? index % 30 : (metric === 'pid' ? (index < 100 ? 2100 : 2101) : 1e6 + index)));
	const times = Float64Array.from({length: 120}, (_, index) => new Date(2025, 0, 1, 12, 0, index).getTime());
	for (const [width, height] of [[80, 20], [120, 36], [200, 56], [50, 14]] as const) {
		const lines = detailLines({role: 'wazuh-analysisd', row, series, times, window: 'all', interval: 1, width, height});
		t.is(lines.length, height);
		t.true(lines.every(line => lineText(line).length === width), `${width}x${height}`);
		const text = lines.map(line => lineText(line)).join('\n');
		t.regex(text, /wazuh-analysisd {2}PID 2101/);
		t.regex(text, /CPU %/);
		t.regex(text, /RSS/);
		if (width >= 60) {
			t.regex(text, /last 2m/);
			// The PID changed at the 101st sample (12:01:40): a restart, with its time.
			t.regex(text, /restarts 1: 12:01:40/);
			t.regex(text, /PSS/);
			t.regex(text, /Disk IO \/s/);
			const charts = height - 2 >= 30 ? 6 : 4;
			t.is([...lines.map(line => lineText(line)).join('')].filter(character => character === '↻').length, charts, 'one mark per chart');
		}

		if (height >= 32 && width >= 60) {
			t.regex(text, /USS/);
			t.regex(text, /Open FDs/);
		}
	}
});

test('restarts are where the PID changes, gaps skipped', t => {
	t.deepEqual(restartsIn([5, 5, gap, gap, 7, 7, 8]), [false, false, false, false, true, false, true]);
	t.deepEqual(restartsIn([gap, 5, 5]), [false, false, false]);
});

test('a tiny spread on a large value: rows stay a nice step apart that their 6-character labels can show, never two rows with one label', t => {
	const mib = 1024 * 1024;
	// A steady process in the detail view: 51.66M to 51.67M (a few KiB), the whole panel's height.
	const cases: Array<{kind: ChartSpec['kind']; values: number[]}> = [
		{kind: 'bytes', values: [51.665 * mib, 51.666 * mib, 51.668 * mib, 51.669 * mib]},
		{kind: 'bytes', values: [1.2 * 1024 * mib, (1.2 * 1024 * mib) + (100 * 1024)]},
		{kind: 'bytes', values: [999.9 * mib, 999.91 * mib]},
		{kind: 'percent', values: [150.0011, 150.0042]},
		{kind: 'count', values: [60_000, 60_001]},
	];
	for (const {kind, values} of cases) {
		for (const height of [8, 10, 14, 20]) {
			const {lines} = chartLines({title: 'x', kind, zeroBased: false, series: [{label: 'v', color: 'cyan', values}]}, 40, height);
			const labels = plotRows(lines).map(row => row.label);
			const text = lines.map(line => lineText(line)).join('\n');
			t.is(new Set(labels).size, labels.length, `${kind} ${values[0]}, height ${height}: two rows share a label\n${text}`);
			// Each label is exact: the labels go down by one step, the same step all the way.
			const step = labels[0]! - labels[1]!;
			for (let row = 1; row < labels.length; row++) {
				t.true(Math.abs((labels[row - 1]! - labels[row]!) - step) <= step * 1e-6, `${kind} height ${height}: uneven rows\n${text}`);
			}

			t.true(labels[0]! >= Math.max(...values) * (1 - 1e-12) && labels.at(-1)! <= Math.min(...values) * (1 + 1e-12), `${kind}: the rows cover the samples\n${text}`);
		}
	}
});

test('a daemon with statistics: its load and queue charts, and CPU per 1,000 events from the window\'s means', t => {
	const [row] = buildRows(fleet(), {tree: true, sort: {key: 'name', descending: false}, filter: 'analysisd', collapsed: new Set()});
	// CPU alternates 0 and 40 % (a tick's own figure would say 0 or 0.2 s); 2,000 events/s: 0.1 s per 1,000.
	const series = (metric: HistorySeries) => Float64Array.from({length: 120}, (_, index) => (metric === 'cpuPercent' ? (index % 2) * 40 : (metric === 'pid' ? 2101 : 1e6)));
	const stats = {
		series: (name: 'loadRate' | 'dropRate' | 'queueFill') => Float64Array.from({length: 120}, (_, index) => (name === 'loadRate' ? (index < 10 ? Number.NaN : 2000) : 0.5)),
		load: {daemon: 'wazuh-analysisd', kind: 'analysisd' as const, up: true, problem: undefined, waiting: false, values: {eventsReceived: 2000}, queues: {syscheck: 0.5}, fullest: {name: 'syscheck', usage: 0.5}, msPerQuery: undefined},
	};
	const text = detailLines({role: 'wazuh-analysisd', row, series, stats, interval: 1, width: 200, height: 40}).map(line => lineText(line)).join('\n');
	t.regex(text, /CPU 0\.10 s per 1,000 events/);
	t.regex(text, /Load \/s \(daemon stats\)/);
	t.regex(text, /Fullest queue %/);
});
