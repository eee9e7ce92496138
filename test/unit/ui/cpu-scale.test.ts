import test from 'ava';
import {parsePasswd} from '../../../source/procfs/users.js';
import {cpuLevelColor, cpuSparkline, cpuSparkPeak} from '../../../source/ui/sparkline.js';
import {rowLine, fitColumns} from '../../../source/ui/table-layout.js';
import {processColumns} from '../../../source/ui/columns.js';
import {buildRows} from '../../../source/ui/table-rows.js';
import {fleet} from '../../helpers/ui-snapshots.js';

test('one scale for all rows: a child at 20 % draws a low bar beside a daemon at 300 %', t => {
	const daemon = [300, 280, 310, 295];
	const child = [20, 20, 20, 20];
	const peak = Math.max(cpuSparkPeak(daemon), cpuSparkPeak(child));
	t.is(cpuSparkline(child, 4, peak), '▁▁▁▁');
	t.is(cpuSparkline(daemon, 4, peak).at(-2), '█');
	// Each to its own peak, the child's flat 20 % fills its bar: what the shared scale is for.
	t.is(cpuSparkline(child, 4), '████');
});

test('CPU% colours like htop: plain below 50 %, yellow from 50 %, red from 90 %', t => {
	t.is(cpuLevelColor(49.9), undefined);
	t.is(cpuLevelColor(50), 'yellow');
	t.is(cpuLevelColor(89.9), 'yellow');
	t.is(cpuLevelColor(90), 'red');
	t.is(cpuLevelColor(300), 'red');
	t.is(cpuLevelColor(undefined), undefined);
	// In the table: the CPU% cell of a busy row carries the colour.
	const [row] = buildRows(fleet(), {tree: true, sort: {key: 'name', descending: false}, filter: 'analysisd', collapsed: new Set()});
	const busy = {...row!, sample: {...row!.sample!, cpuPercent: 250}};
	const line = rowLine({row: busy, tree: true, spark: '', daemonComm: undefined, selected: false}, fitColumns(processColumns, 120), 120);
	t.true(line.some(segment => segment.text.trim() === '250' && segment.color === 'red'));
});

test('/etc/passwd names a uid by its first entry; malformed lines are skipped', t => {
	const names = parsePasswd('root:x:0:0:root:/root:/bin/bash\nwazuh:x:999:999::/var/ossec:/sbin/nologin\nbroken\nother:x:0:0::/:/bin/sh\n');
	t.is(names.get(0), 'root');
	t.is(names.get(999), 'wazuh');
	t.is(names.size, 2);
});
