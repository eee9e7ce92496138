import test from 'ava';
import type {DaemonLoad} from '../../../source/model/stats-rates.js';
import {fitColumns, rowLine} from '../../../source/ui/table-layout.js';
import {loadColumn, processColumns} from '../../../source/ui/columns.js';
import {buildRows} from '../../../source/ui/table-rows.js';
import {formatRate, loadSegments} from '../../../source/ui/load-text.js';
import {lineText} from '../../helpers/ui-lines.js';
import {fleet} from '../../helpers/ui-snapshots.js';

const load = (overrides: Partial<DaemonLoad>): DaemonLoad => ({daemon: 'wazuh-analysisd', kind: 'analysisd', up: true, problem: undefined, waiting: false, values: {}, queues: {}, fullest: undefined, msPerQuery: undefined, ...overrides});
const text = (daemonLoad: DaemonLoad): string => loadSegments(daemonLoad).map(segment => segment.text).join('');

test('rates read at a glance', t => {
	t.deepEqual([0.04, 0.4, 9.96, 37.4, 999, 12_345, 123_456, 1_234_567].map(formatRate), ['0', '0.4', '10', '37', '999', '12.3k', '123k', '1.2M']);
});

test('each kind of daemon says what explains its load', t => {
	t.is(text(load({values: {eventsReceived: 12_345, eventsDropped: 40}, fullest: {name: 'syscheck', usage: 0.931}})), '12.3k ev/s 40 drop/s syscheck 93%');
	t.is(text(load({values: {eventsReceived: 500, eventsDropped: 0}, fullest: {name: 'alerts', usage: 0.01}})), '500 ev/s', 'no drops, an empty queue: nothing more');
	t.is(text(load({kind: 'remoted', values: {messagesReceived: 3200, tcpSessions: 45}})), '3.2k msg/s 45 tcp');
	t.is(text(load({kind: 'wazuh-db', values: {queries: 120}, msPerQuery: 0.8})), '120 q/s 0.8 ms/q');
	t.is(text(load({kind: 'agentd', values: {agentConnected: 1, agentMessagesSent: 2}})), 'connected 2 msg/s');
	t.is(text(load({kind: 'agentd', values: {agentConnected: 0}})), 'DISCONNECTED');
	t.is(text(load({up: false, problem: 'no answer'})), 'stats: no answer');
	t.is(text(load({up: false, problem: 'no state file at /var/ossec/var/run/wazuh-logcollector.state', waiting: true})), 'stats: none yet');
	t.is(text(load({values: {}})), 'stats: waiting');
	t.is(text(load({fullest: {name: 'sys\u001B[2Jcheck', usage: 0.95}})), 'sys?[2Jcheck 95%', 'a queue name cannot send escapes');
	const full = loadSegments(load({values: {eventsReceived: 1}, fullest: {name: 'syscheck', usage: 0.95}}));
	t.is(full.at(-1)!.color, 'red');
});

test('the LOAD column comes last on a daemon\'s row, cut with … when narrow', t => {
	const row = buildRows(fleet(), {tree: true, sort: {key: 'name', descending: false}, filter: '', collapsed: new Set()}).find(each => each.key === 'wazuh-analysisd')!;
	const placed = fitColumns([...processColumns, loadColumn], 240);
	t.is(placed.at(-1)!.column.id, 'load');
	const segments = loadSegments(load({values: {eventsReceived: 12_345, eventsDropped: 40}, fullest: {name: 'syscheck', usage: 0.931}}));
	const line = lineText(rowLine({row, tree: true, spark: '', daemonComm: undefined, selected: false, load: segments}, placed, 240));
	t.true(line.trimEnd().endsWith('12.3k ev/s 40 drop/s syscheck 93%'), line);
	const narrow = fitColumns([...processColumns, loadColumn], 200).map(each => (each.column.id === 'load' ? {...each, width: 12} : each));
	const cutLine = lineText(rowLine({row, tree: true, spark: '', daemonComm: undefined, selected: false, load: segments}, narrow, 200));
	t.true(cutLine.includes('12.3k ev/s …'), cutLine);
});
