/** @jsxRuntime automatic */
import test from 'ava';
import {processColumns} from '../../../source/ui/columns.js';
import {processMetrics} from '../../../source/model/process-metrics.js';
import {ProcessTable} from '../../../source/ui/process-table.js';
import {fitColumns, type FitColumn, headerLine, nameCell, type PlacedColumn, rowLine, scrollOffset, stateCell, valueCell} from '../../../source/ui/table-layout.js';
import {buildRows, type RowOptions, type TableRow} from '../../../source/ui/table-rows.js';
import {lineText} from '../../helpers/ui-lines.js';
import {daemonState, fleet, renderAt, sample, snapshot} from '../../helpers/ui-snapshots.js';

const byName: RowOptions = {tree: true, sort: {key: 'name', descending: false}, filter: '', collapsed: new Set()};
const keys = (rows: readonly TableRow[]) => rows.map(row => row.key);
const ids = (width: number) => fitColumns(processColumns, width).map(({column}) => column.id);

test('every value column names a metric of the registry the CSV is written from', t => {
	for (const column of processColumns) {
		if (column.kind === 'state') {
			t.is(column.field, undefined);
		} else if (column.kind === 'growth') {
			t.is(processMetrics[column.field as 'rss'].kind, 'bytes', column.id);
		} else if (column.kind !== 'name' && column.field !== 'pid') {
			t.true(Object.hasOwn(processMetrics, column.field!), column.id);
		}
	}

	t.is(valueCell(processColumns.find(column => column.id === 'rss')!, sample('wazuh-db', {rss: 12.3 * 1024 * 1024})), '12.3M');
	t.is(valueCell(processColumns.find(column => column.id === 'pid')!, sample('wazuh-db', {pid: 400_123})), '400123');
});

/** Total width of placed columns with their separators. */
function placedWidth(placed: ReadonlyArray<PlacedColumn<FitColumn>>): number {
	return placed.reduce((sum, {width}, index) => sum + width + (index === 0 ? 0 : 1), 0);
}

test('columns are dropped by priority to fit the width', t => {
	// RSS/h (the growth) is worth more at 80 columns than USS: "is it leaking?" over "how much is private?".
	t.deepEqual(ids(80), ['name', 'pid', 'cpu', 'cpuSpark', 'rss', 'rssGrowth', 'pss', 'state']);
	t.deepEqual(ids(120), ['name', 'pid', 'cpu', 'cpuSpark', 'rss', 'rssGrowth', 'uss', 'pss', 'swap', 'fd', 'threads', 'readSpeed', 'writeSpeed', 'state']);
	t.deepEqual(ids(200), processColumns.map(column => column.id));
	t.deepEqual(ids(40), ['name', 'pid', 'cpu', 'rss']);
	t.deepEqual(ids(30), ['name', 'pid', 'cpu'], 'priority-0 columns stay even when they do not fit');
	for (const width of [60, 80, 100, 120, 160, 200, 300]) {
		t.true(placedWidth(fitColumns(processColumns, width)) <= width, String(width));
	}
});

test('spare width goes to the name, then to the CPU history', t => {
	const wide = fitColumns(processColumns, 300);
	t.is(wide.find(({column}) => column.id === 'name')!.width, 34);
	t.is(wide.find(({column}) => column.id === 'cpuSpark')!.width, 40);
});

test('tree: children under their daemon, down daemons listed, names in code-point order', t => {
	t.deepEqual(keys(buildRows(fleet(), byName)), [
		'wazuh-analysisd',
		'wazuh-db',
		'wazuh-db_child_1',
		'wazuh-modulesd',
		'wazuh-modulesd_child_1',
		'wazuh-modulesd_child_2',
		'wazuh-modulesd_child_3',
		'wazuh-remoted',
		'wazuh_apid.py',
		'wazuh_apid.py_child_1',
		'wazuh_apid.py_child_2',
	]);
	const remoted = buildRows(fleet(), byName).find(row => row.key === 'wazuh-remoted')!;
	t.is(remoted.sample, undefined);
	t.is(remoted.state?.status, 'down');
});

test('sorting by CPU keeps children under their daemon in tree mode', t => {
	const cpu = (name: string) => ({'wazuh-db': 50, 'wazuh-modulesd_child_3': 90, 'wazuh_apid.py': 20}[name] ?? 1);
	const rows = buildRows(fleet(1, cpu), {...byName, sort: {key: 'cpu', descending: true}});
	t.deepEqual(keys(rows).slice(0, 4), ['wazuh-db', 'wazuh-db_child_1', 'wazuh_apid.py', 'wazuh_apid.py_child_1']);
	const modulesd = keys(rows).indexOf('wazuh-modulesd');
	t.is(keys(rows)[modulesd + 1], 'wazuh-modulesd_child_3', 'the busiest child first under its daemon');
	t.is(keys(rows).at(-1), 'wazuh-remoted', 'no value sorts last');
});

test('flat mode sorts every process as one list', t => {
	const cpu = (name: string) => ({'wazuh-modulesd_child_3': 90, 'wazuh-db': 50}[name] ?? 1);
	const rows = buildRows(fleet(1, cpu), {...byName, tree: false, sort: {key: 'cpu', descending: true}});
	t.deepEqual(keys(rows).slice(0, 2), ['wazuh-modulesd_child_3', 'wazuh-db']);
	t.true(rows.every(row => row.depth === 0));
	const byPid = buildRows(fleet(), {...byName, tree: false, sort: {key: 'pid', descending: false}});
	const pids = byPid.flatMap(row => (row.sample ? [row.sample.pid] : []));
	t.deepEqual(pids, [...pids].sort((a, b) => a - b));
});

test('names sort by child number, not as text', t => {
	const samples = [1, 2, 10, 9].map(index => sample(`wazuh-modulesd_child_${index}`));
	const rows = buildRows(snapshot(1, [sample('wazuh-modulesd'), ...samples]), byName);
	t.deepEqual(keys(rows).slice(1), ['wazuh-modulesd_child_1', 'wazuh-modulesd_child_2', 'wazuh-modulesd_child_9', 'wazuh-modulesd_child_10']);
});

test('the filter keeps matching children with their daemon, and matches PIDs', t => {
	t.deepEqual(keys(buildRows(fleet(), {...byName, filter: 'CHILD_2'})), ['wazuh-modulesd', 'wazuh-modulesd_child_2', 'wazuh_apid.py', 'wazuh_apid.py_child_2']);
	t.deepEqual(keys(buildRows(fleet(), {...byName, filter: '2302'})), ['wazuh-db', 'wazuh-db_child_1']);
	t.deepEqual(keys(buildRows(fleet(), {...byName, filter: 'db'})), ['wazuh-db', 'wazuh-db_child_1']);
	t.deepEqual(keys(buildRows(fleet(), {...byName, filter: 'nothing'})), []);
});

test('a collapsed daemon hides its children and says how many', t => {
	const rows = buildRows(fleet(), {...byName, collapsed: new Set(['wazuh-modulesd'])});
	t.false(keys(rows).includes('wazuh-modulesd_child_1'));
	const modulesd = rows.find(row => row.key === 'wazuh-modulesd')!;
	t.is(nameCell(modulesd, true, undefined), '▸ wazuh-modulesd +3 Σ');
});

test('tree names: glyphs, child number, and the command when it differs', t => {
	const rows = buildRows(fleet(), byName);
	const find = (key: string) => rows.find(row => row.key === key)!;
	t.is(nameCell(find('wazuh-analysisd'), true, undefined), '  wazuh-analysisd');
	t.is(nameCell(find('wazuh-db'), true, undefined), '▾ wazuh-db');
	t.is(nameCell(find('wazuh-modulesd_child_1'), true, 'wazuh-modulesd'), ' ├ child_1');
	t.is(nameCell(find('wazuh-modulesd_child_3'), true, 'python3'), ' └ child_3 wazuh-modulesd');
	t.is(nameCell(find('wazuh-modulesd_child_3'), false, undefined), 'wazuh-modulesd_child_3');
});

test('the state column follows the daemon state', t => {
	const row = (state: Partial<Parameters<typeof daemonState>[1]>) => buildRows(snapshot(1, [sample('wazuh-db')], [daemonState('wazuh-db', state)]), byName)[0]!;
	t.like(stateCell(row({})), {text: 'running', color: 'green'});
	t.like(stateCell(row({restarts: 2})), {text: 'running ↻2', color: 'green'});
	t.like(stateCell(row({status: 'restarted', restarts: 1})), {text: 'restarted', color: 'yellow'});
	t.like(stateCell(row({status: 'down'})), {text: 'down', color: 'red'});
	t.like(stateCell(row({status: 'given-up'})), {text: 'given up', dim: true});
	t.like(stateCell(row({unreadable: ['USS', 'PSS']})), {text: 'no perm', color: 'yellow'});
	const child = buildRows(snapshot(1, [sample('wazuh-db'), sample('wazuh-db_child_1', {uss: undefined, pss: undefined, swap: undefined})]), byName)[1]!;
	t.like(stateCell(child), {text: 'no perm'});
});

test('a row is one line of exactly the width, unreadable values as -', t => {
	const rows = buildRows(snapshot(1, [sample('wazuh-db', {uss: undefined, fd: undefined})]), byName);
	for (const width of [40, 80, 120, 200]) {
		const placed = fitColumns(processColumns, width);
		const line = lineText(rowLine({row: rows[0]!, tree: true, spark: '▁▂▃', daemonComm: undefined, selected: false}, placed, width));
		t.is(line.length, width);
		t.is(lineText(headerLine(placed, byName.sort, width)).length, width);
	}

	const placed = fitColumns(processColumns, 200);
	const cells = lineText(rowLine({row: rows[0]!, tree: true, spark: '', daemonComm: undefined, selected: false}, placed, 200)).split(/\s+/);
	t.true(cells.includes('-'));
});

test('the selected row is drawn in inverse', t => {
	const [row] = buildRows(fleet(), byName);
	const placed = fitColumns(processColumns, 80);
	const line = rowLine({row: row!, tree: true, spark: '', daemonComm: undefined, selected: true}, placed, 80);
	t.true(line.every(segment => segment.inverse));
	t.false(rowLine({row: row!, tree: true, spark: '', daemonComm: undefined, selected: false}, placed, 80).some(segment => segment.inverse));
});

test('scrolling moves only when the selection would leave the window', t => {
	t.is(scrollOffset(5, 4, 10, 0), 0, 'everything fits');
	t.is(scrollOffset(50, 5, 10, 0), 0);
	t.is(scrollOffset(50, 12, 10, 0), 3);
	t.is(scrollOffset(50, 8, 10, 3), 3, 'still visible: stays');
	t.is(scrollOffset(50, 1, 10, 3), 1);
	t.is(scrollOffset(50, 49, 10, 45), 40, 'never past the end');
	t.is(scrollOffset(20, 19, 10, 100), 10, 'a stale offset is clamped');
});

const spark = () => '▁▂▃▄▅▆▇█';

for (const width of [80, 120, 200]) {
	test(`the table component at ${width} columns: no line wider, the right columns`, t => {
		const rows = buildRows(fleet(), byName);
		const {text} = renderAt(width, (
			<ProcessTable rows={rows} selected={0} tree sort={byName.sort} width={width} height={20} spark={spark} daemonComms={new Map()} emptyText="none" />
		));
		const lines = text().filter(line => line.trim() !== '');
		t.is(lines.length, rows.length + 1);
		for (const line of text()) {
			t.true(line.length <= width, line);
		}

		const header = lines[0]!;
		t.regex(header, /NAME▲/);
		t.regex(header, /PID/);
		t.regex(header, /CPU%/);
		t.regex(header, /RSS/);
		t.regex(header, /STATE/);
		t.is(header.includes('VMS'), width >= 200);
		t.is(header.includes('RSS/h'), width >= 80);
		t.is(header.includes('PSS/h'), width >= 200);
		t.is(header.includes('READ/s'), width >= 120);
		t.is(/\bREAD\b(?!\/)/.test(header), width >= 200);
		t.regex(lines.join('\n'), /▁▂▃▄▅▆▇█/, 'the sparkline is drawn');
		t.regex(lines.find(line => line.includes('wazuh-remoted'))!, /down/);
		t.regex(lines.find(line => line.includes('wazuh-analysisd'))!, /2101 +1\.5 /);
	});
}

test('the table never draws more rows than it is given, and keeps the selection in view', t => {
	const rows = buildRows(fleet(), byName);
	const {text} = renderAt(100, (
		<ProcessTable rows={rows} selected={9} tree sort={byName.sort} width={100} height={5} spark={spark} daemonComms={new Map()} emptyText="none" />
	));
	const lines = text();
	t.is(lines.length, 5);
	t.regex(lines[0]!, /NAME▲ 7-10\/11/);
	t.regex(lines.at(-1)!, /child_1/);
	t.regex(lines.join('\n'), /wazuh_apid\.py/);
});

test('an empty table says why', t => {
	const {text} = renderAt(80, (
		<ProcessTable rows={[]} selected={-1} tree sort={byName.sort} width={80} height={5} spark={spark} daemonComms={new Map()} emptyText="waiting for the first sample…" />
	));
	t.regex(text().join('\n'), /waiting for the first sample/);
});
