import test from 'ava';
import {daemonTotals} from '../../../source/model/daemon-totals.js';
import {HistoryStore, totalRole} from '../../../source/model/history-store.js';
import {memoryGrowth, minimumGrowthPoints, minimumGrowthSeconds} from '../../../source/model/live-growth.js';
import {daemonCounts, formatUptime, systemLine} from '../../../source/ui/system-line.js';
import {processColumns} from '../../../source/ui/columns.js';
import {fitColumns, growthCell, rowLine} from '../../../source/ui/table-layout.js';
import {buildRows, type RowOptions} from '../../../source/ui/table-rows.js';
import {lineText} from '../../helpers/ui-lines.js';
import {daemonState, fleet, sample, snapshot} from '../../helpers/ui-snapshots.js';
import {seededRandom} from '../../helpers/random.js';

const mib = 1024 * 1024;
const byName: RowOptions = {tree: true, sort: {key: 'name', descending: false}, filter: '', collapsed: new Set()};

test('a daemon\'s total sums its own process and every child, field by field', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const members = ['wazuh-modulesd', 'wazuh-modulesd_child_1', 'wazuh-modulesd_child_2', 'wazuh-modulesd_child_3'].map(name => sample(name, {
		cpuPercent: random.int(4000) / 10,
		rss: random.int(1000) * mib,
		uss: random.int(1000) * mib,
		pss: random.int(1000) * mib,
		swap: random.int(100) * mib,
		fd: random.int(500),
		threads: 1 + random.int(40),
		diskRead: random.int(1e9),
		diskWritten: random.int(1e9),
		diskReadSpeed: random.int(1e6),
		diskWriteSpeed: random.int(1e6),
	}));
	const totals = daemonTotals(snapshot(1, [...members, sample('wazuh-db')]));
	const total = totals.get('wazuh-modulesd')!;
	t.is(total.processes, 4);
	for (const field of ['cpuPercent', 'rss', 'uss', 'pss', 'swap', 'fd', 'threads', 'diskRead', 'diskWritten', 'diskReadSpeed', 'diskWriteSpeed'] as const) {
		t.is(total.sample[field], members.reduce((sum, member) => sum + member[field]!, 0), field);
	}

	t.is(total.sample.pid, members[0]!.pid, 'the daemon\'s own PID');
	t.is(totals.get('wazuh-db')!.processes, 1);
	// One unreadable term: the sum is unknown, not a smaller number.
	const partial = daemonTotals(snapshot(1, [sample('wazuh-db'), sample('wazuh-db_child_1', {uss: undefined})])).get('wazuh-db')!;
	t.is(partial.sample.uss, undefined);
	t.is(partial.sample.rss, 40 * mib);
});

test('a collapsed daemon\'s row shows and sorts by its total', t => {
	const rows = buildRows(fleet(), {...byName, collapsed: new Set(['wazuh-modulesd'])});
	const modulesd = rows.find(row => row.key === 'wazuh-modulesd')!;
	const snap = fleet();
	const family = snap.samples.filter(each => each.daemon === 'wazuh-modulesd');
	t.is(modulesd.total?.sample.rss, family.reduce((sum, each) => sum + each.rss!, 0));
	t.is(modulesd.total?.processes, 4);
	t.is(rows.find(row => row.key === 'wazuh-db')!.total, undefined, 'expanded: its own values');
	t.is(rows.find(row => row.key === 'wazuh-analysisd')!.total, undefined);
	// By memory, the collapsed modulesd (10+11+12+13 MiB in all) comes first, ahead of apid's 17 MiB.
	const byMemory = buildRows(fleet(), {...byName, sort: {key: 'memory', descending: true}, collapsed: new Set(['wazuh-modulesd'])});
	t.is(byMemory[0]!.key, 'wazuh-modulesd');
	const expanded = buildRows(fleet(), {...byName, sort: {key: 'memory', descending: true}});
	t.is(expanded[0]!.key, 'wazuh_apid.py');
});

test('memory growth: the report\'s rule per hour, shown after a minute and 10 samples, ↗ when the report would say growing', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const start = Date.UTC(2026, 0, 1);
	const times = Float64Array.from({length: 120}, (_value, index) => start + (index * 1000));
	// 2 MiB a minute with a little noise: 120 MiB an hour, steady.
	const leak = Float64Array.from(times, (_time, index) => (24 * mib) + (index * 2 * mib / 60) + (random.next() * 4096));
	const growth = memoryGrowth(times, leak, start)!;
	t.true(Math.abs(growth.perHour - (120 * mib)) < 0.01 * 120 * mib, `${growth.perHour / mib} MiB/h`);
	t.true(growth.steady);
	t.is(growthCell(growth), '+120M↗');
	// A sawtooth (a cache filled and freed) has a slope but no steady fit.
	const saw = Float64Array.from(times, (_time, index) => (24 * mib) + ((index % 20) * mib));
	t.false(memoryGrowth(times, saw, start)!.steady);
	t.is(memoryGrowth(times, Float64Array.from(times, () => 5 * mib), start)!.perHour, 0);
	t.false(memoryGrowth(times, Float64Array.from(times, () => 5 * mib), start)!.steady, 'flat is not growing');
	const shrinking = memoryGrowth(times, Float64Array.from(times, (_time, index) => (100 * mib) - (index * 1024)), start)!;
	t.false(shrinking.steady);
	t.is(growthCell(shrinking), '-3.5M');
	// Too early: under a minute, or under 10 points, nothing is shown.
	t.is(memoryGrowth(times.slice(0, minimumGrowthSeconds), leak.slice(0, minimumGrowthSeconds), start), undefined);
	t.not(memoryGrowth(times.slice(0, minimumGrowthSeconds + 1), leak.slice(0, minimumGrowthSeconds + 1), start), undefined);
	const sparse = Float64Array.from({length: minimumGrowthPoints - 1}, (_value, index) => start + (index * 60_000));
	t.is(memoryGrowth(sparse, Float64Array.from(sparse, (_time, index) => index * mib), start), undefined);
	// Gaps (NaN) are left out, not read as zeros.
	const gappy = Float64Array.from(leak, (value, index) => (index % 3 === 0 ? Number.NaN : value));
	t.true(Math.abs(memoryGrowth(times, gappy, start)!.perHour - growth.perHour) < 0.02 * growth.perHour);
	t.is(growthCell(undefined), '…1m', 'while measuring: the span it needs');

	// In a row: each growth column shows its own field's growth.
	const placed = fitColumns(processColumns, 200);
	const row = buildRows(fleet(), byName).find(each => each.key === 'wazuh-db')!;
	const line = lineText(rowLine({row, tree: true, spark: '', daemonComm: undefined, selected: false, growth: {rss: growth, pss: shrinking}}, placed, 200));
	const title = placed.map(({column, width}) => column.label.padStart(width)).join(' ');
	const cellOf = (label: string) => {
		const end = title.indexOf(` ${label}`) + label.length + 1;
		return line.slice(end - 7, end).trim();
	};

	t.is(cellOf('RSS/h'), '+120M↗');
	t.is(cellOf('PSS/h'), '-3.5M');
});

test('the history store keeps each daemon\'s total as a series of its own', t => {
	const store = new HistoryStore({capacity: 10, schedule: flush => flush()});
	store.addSnapshot(fleet(1));
	store.addSnapshot(fleet(2));
	const end = store.getSnapshot().processEnd;
	const family = fleet(1).samples.filter(each => each.daemon === 'wazuh_apid.py').reduce((sum, each) => sum + each.rss!, 0);
	t.deepEqual([...store.series(totalRole('wazuh_apid.py'), 'rss', 2, end)], [family, family]);
	t.is(store.roleCount, fleet(1).samples.length, 'totals are not process roles');
	t.deepEqual([...store.processTimeline(2, end)], [fleet(1).time, fleet(2).time]);
});

test('the system line: load, CPU of all cores, memory and swap used/total, uptime, daemons running/down', t => {
	const system = {load: {one: 0.5, five: 1.25, fifteen: 2}, cpuPercent: 37.25, cores: 8, memTotal: 16 * 1024 * mib, memAvailable: 12 * 1024 * mib, swapTotal: 2 * 1024 * mib, swapFree: 1536 * mib, uptime: (3 * 86_400) + (4 * 3600) + 59};
	const daemons = [daemonState('wazuh-db'), daemonState('wazuh-analysisd', {status: 'restarted'}), daemonState('wazuh-remoted', {status: 'down'}), daemonState('wazuh-execd', {status: 'given-up'})];
	t.deepEqual(daemonCounts(daemons), {running: 2, down: 2});
	const line = lineText(systemLine(system, daemons, 120)).trimEnd();
	t.is(line, 'load 0.50 1.25 2.00  cpu 37.3% of 8 cores  mem 4.0G/16.0G  swap 512M/2.0G  up 3d 04h  2 running, 2 down');
	// Narrower: whole parts drop from the end, the daemon count stays.
	const narrow = lineText(systemLine(system, daemons, 60)).trimEnd();
	t.is(narrow, 'load 0.50 1.25 2.00  cpu 37.3% of 8 cores  2 running, 2 down');
	t.is(lineText(systemLine(system, daemons, 60)).length, 60);
	t.is(lineText(systemLine(undefined, daemons, 40)).trimEnd(), '2 running, 2 down', 'a replay without the host part');
	t.is(formatUptime(59), '0m');
	t.is(formatUptime(3600 + 120), '1h 02m');
});
