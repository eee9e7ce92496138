import test from 'ava';
import {monitorAnalysisdHeader, monitorAnalysisdRow} from '../../../source/recorder/stats-monitor5.js';
import {monitorRemotedHeader, monitorRemotedRow, monitorWazuhdbHeader, monitorWazuhdbRow} from '../../../source/recorder/stats-monitor5-getstats.js';
import {qaAnalysisApiHeader, qaAnalysisApiRow} from '../../../source/recorder/stats-qa-analysis.js';
import {qaRemoteApiHeader, qaRemoteApiRow, qaRemoteStateHeader, qaRemoteStateRow} from '../../../source/recorder/stats-qa-remote.js';
import {qaAgentdHeader, qaAgentdRow, qaAnalysisStateHeader, qaAnalysisStateRow, qaLogcollectorRows} from '../../../source/recorder/stats-qa-state.js';
import {qaWazuhdbApiHeader, qaWazuhdbApiRow} from '../../../source/recorder/stats-qa-wazuhdb.js';
import {pythonFloat} from '../../../source/recorder/stats-values.js';
import type {StatsCell} from '../../../source/recorder/stats-values.js';
import {agentdState, analysisd414, analysisdState43, engineFixture, failed, logcollectorFixture, remoted414, remoted5, remotedState43, wazuhdb414, wazuhdb5} from '../../helpers/stats-fixtures.js';

/** The round's time: 2025-08-07 08:00:03 UTC. */
const roundTime = Date.UTC(2025, 7, 7, 8, 0, 3);

/** The cells by column; for a repeated name, the one at `occurrence` (0 first). */
function cell(header: readonly string[], row: readonly StatsCell[], name: string, occurrence = 0): StatsCell | undefined {
	const indexes = header.flatMap((column, index) => (column === name ? [index] : []));
	return row[indexes[occurrence]!];
}

test('pythonFloat writes what Python\'s repr writes', t => {
	// Each expected text printed by /usr/bin/python3 `repr(float)`.
	const cases: Array<[number, string]> = [
		[3600, '3600.0'], [30_551 / 3600, '8.48638888888889'], [48_211 / 3600, '13.391944444444444'], [0, '0.0'],
		[0.000_01, '1e-05'], [0.0001, '0.0001'], [2.5e-7, '2.5e-07'], [1.5e16, '1.5e+16'], [1e15, '1000000000000000.0'],
		[0.1 + 0.2, '0.30000000000000004'], [-3.25, '-3.25'], [123_456_789_012_345.6, '123456789012345.6'],
	];
	for (const [value, expected] of cases) {
		t.is(pythonFloat(value), expected, String(value));
	}
});

test('Wazuh QA analysis API row: its Timestamp, the API\'s ISO time, seconds since start, cumulative counters, EDPS since start', t => {
	const row = qaAnalysisApiRow(analysisd414(), roundTime);
	t.is(row.length, qaAnalysisApiHeader.length);
	const at = (name: string): StatsCell | undefined => cell(qaAnalysisApiHeader, row, name);
	// Local time, `%Y-%m-%d %H:%M:%S`: read back as local time it is the round's second.
	t.regex(String(at('Timestamp')), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	t.is(new Date(String(at('Timestamp')).replace(' ', 'T')).getTime(), roundTime);
	t.is(at('API Timestamp'), '2025-08-07T08:00:00+00:00');
	t.is(at('Interval (Timestamp-Uptime)'), '3600.0');
	t.is(at('Events processed'), '1026293');
	t.is(at('Events received'), '1026450');
	t.is(at('Decoded from logcollector eventchannel'), '30551');
	t.is(at('Decoded from agentd'), '1520');
	t.is(at('Decoded from syscheck'), '48211');
	t.is(at('Dropped from logcollector others'), '37');
	t.is(at('Written alerts'), '5412');
	t.is(at('Written fts'), '3');
	t.is(at('EDPS from logcollector eventchannel'), '8.48638888888889');
	t.is(at('EDPS from syscheck'), '13.391944444444444');
	t.is(at('EDPS from azure'), '0.0');
});

test('an analysis reply in the daemon\'s first second, or without its start, leaves Interval and EDPS empty (statistic.py divides by zero)', t => {
	const fresh = {...analysisd414(), started: analysisd414().time};
	const row = qaAnalysisApiRow(fresh, roundTime);
	t.is(cell(qaAnalysisApiHeader, row, 'Interval (Timestamp-Uptime)'), '0.0');
	t.is(cell(qaAnalysisApiHeader, row, 'EDPS from syscheck'), '');
	const unknown = qaAnalysisApiRow({...analysisd414(), started: undefined}, roundTime);
	t.is(cell(qaAnalysisApiHeader, unknown, 'Interval (Timestamp-Uptime)'), '');
	t.is(cell(qaAnalysisApiHeader, unknown, 'Events received'), '1026450');
});

test('Wazuh QA remote API row: queue usage is a count, events from received_breakdown.event', t => {
	const row = qaRemoteApiRow(remoted414(), roundTime);
	t.deepEqual(row.slice(1), [
		'2025-08-07T08:00:00+00:00', '3610.0', '131072', '12', '100', '2', '7204', '7100', '3', '1', '100', '0', '0',
		'1030212', '0', '4', '7200', '0', '0', '3', '0', '10', '412345678', '3456789',
	]);
	t.is(row.length, qaRemoteApiHeader.length);
});

test('Wazuh QA wazuh-db API row: repeated names hold queries then times; Vulnerability CVEs 0 when gone; Global ExecTime is the global time', t => {
	const row = qaWazuhdbApiRow(wazuhdb414(), roundTime);
	t.is(row.length, qaWazuhdbApiHeader.length);
	const at = (name: string, occurrence = 0): StatsCell | undefined => cell(qaWazuhdbApiHeader, row, name, occurrence);
	t.is(at('Interval (Timestamp-Uptime)'), '3620.0');
	t.is(at('Received queries'), '14666');
	t.is(at('Agent queries'), '6981');
	t.is(at('db-close'), '841');
	t.is(at('db-vacuum', 1), '295', 'the global database\'s vacuum queries');
	t.is(at('db-close', 1), '625', 'the agent databases\' close time');
	t.is(at('db-open', 1), '151', 'the global database\'s open time');
	t.is(at('Table Syscheck registry_key'), '591');
	t.is(at('Table Syscollector os_info'), '836');
	t.is(at('Table Vulnerability CVEs'), '0');
	t.is(at('Table Vulnerability CVEs', 1), '0');
	t.is(at('agent-update-agent-name'), '292');
	t.is(at('tasks-delete old task'), '885');
	t.is(at('Wazuhdb'), '852');
	t.is(at('Total Execution Time'), '14843');
	t.is(at('Global Queries ExecTime'), '5433');
	t.is(at('MITRE', 1), '802');
	t.is(at('Wazuhdb', 1), '477');
});

test('a 4.4 wazuh-db reply without the later keys leaves their cells empty (statistic.py stops with a KeyError)', t => {
	const old = wazuhdb414();
	const raw = Object.fromEntries(Object.entries(old.raw).filter(([key]) => !key.endsWith('.db.open') && !key.endsWith('fim_registry_key')));
	const row = qaWazuhdbApiRow({...old, raw}, roundTime);
	t.is(cell(qaWazuhdbApiHeader, row, 'db-open'), '');
	t.is(cell(qaWazuhdbApiHeader, row, 'Table Syscheck registry_key'), '');
	t.is(cell(qaWazuhdbApiHeader, row, 'Received queries'), '14666');
});

test('state files: Timestamp, then the file\'s values as written (4.3 analysisd per interval, 4.3 remoted, agentd)', t => {
	const analysis = qaAnalysisStateRow(analysisdState43(), roundTime);
	t.is(analysis.length, qaAnalysisStateHeader.length);
	t.is(cell(qaAnalysisStateHeader, analysis, 'Total Events'), '5120');
	t.is(cell(qaAnalysisStateHeader, analysis, 'Events processed (Rule matching)'), '5116');
	t.is(cell(qaAnalysisStateHeader, analysis, 'Syscollector queue usage'), '0.05');
	t.is(cell(qaAnalysisStateHeader, analysis, 'Archives log queue size'), '16384');
	// Read as numbers (the collector) or kept as the file's text, the row is the same: as the file printed them.
	t.deepEqual(qaAnalysisStateRow(analysisdState43(true), roundTime), analysis);
	t.is(typeof analysisdState43().raw.syscollector_queue_usage, 'number');
	t.deepEqual(qaRemoteStateRow(remotedState43(), roundTime).slice(1), ['12', '131072', '100', '1030212', '7204', '0', '412345678']);
	t.is(qaRemoteStateHeader.length, 8);
	t.deepEqual(qaAgentdRow(agentdState(), roundTime).slice(1), ['connected', '2025-08-07 10:00:02', '2025-08-07 10:00:03', '182340', '182551', '0']);
	t.is(qaAgentdHeader.length, 7);
});

test('logcollector: one row per location and target of the global block, files named by location', t => {
	const rows = qaLogcollectorRows(logcollectorFixture(), roundTime);
	t.deepEqual(rows.map(({stem, cells}) => [stem, ...cells.slice(1)]), [
		['syslog', '/var/log/syslog', '182340', '36468000', 'agent', '0'],
		['journald', 'journald', '1204', '240800', 'agent', '3'],
	]);
	// A file: its base name, `.` as `_`; anything else: its first word, made one safe name.
	const stems = (location: string): string[] => {
		const base = logcollectorFixture();
		return qaLogcollectorRows({...base, raw: {...base.raw, 'global.files.0.location': location}}, roundTime).map(row => row.stem);
	};

	t.is(stems('/var/ossec/logs/active-responses.log')[0], 'active-responses_log');
	t.is(stems('C:\\logs\\app.log')[0], 'app_log');
	t.is(stems('df -P')[0], 'df');
	t.is(stems('Microsoft-Windows-Sysmon/Operational')[0], 'Microsoft-Windows-Sysmon_Operational');
	t.is(stems('../../etc/passwd')[0], '.._.._etc_passwd');
});

const context = {roundTime, elapsedMs: 12_345};

test('monitor.py analysisd row: UTC Z timestamp, elapsed to a tenth, figures as reported, the dump as JSON', t => {
	const row = monitorAnalysisdRow(engineFixture(), context);
	t.is(row.length, monitorAnalysisdHeader.length);
	const at = (name: string): StatsCell | undefined => cell(monitorAnalysisdHeader, row, name);
	t.deepEqual(row.slice(0, 4), ['2025-08-07T08:00:03Z', '12.3', '1', '']);
	t.is(at('server_events_received'), '1026450');
	t.is(at('router_queue_usage_percent'), '0.18310546875');
	t.is(at('router_eps_1m'), '285.4');
	t.is(at('indexer_queue_usage_percent'), '0.5');
	t.is(at('router_events_dropped'), '0');
	t.is(at('spaces_standard_events_unclassified'), '37');
	const dump = JSON.parse(String(at('raw_response_json'))) as {name: string; uptime: string; global: Array<{name: string; value: number}>; spaces: Array<{name: string}>};
	t.is(dump.name, 'wazuh-manager-analysisd');
	t.is(dump.uptime, '2026-08-14T10:00:00.123Z');
	t.is(dump.global.length, 19, 'the metrics of global[], not the envelope\'s fields');
	t.deepEqual(dump.global.find(entry => entry.name === 'router.events.processed'), {name: 'router.events.processed', value: 1_026_293});
	t.deepEqual(dump.spaces.map(space => space.name), ['standard']);
});

test('monitor.py: a missing engine metric is 0, a failed query is query_ok 0 with the error and nothing else', t => {
	const engine = engineFixture();
	const raw = Object.fromEntries(Object.entries(engine.raw).filter(([key]) => !key.startsWith('indexer.') && !key.startsWith('space.')));
	const row = monitorAnalysisdRow({...engine, raw}, context);
	t.is(cell(monitorAnalysisdHeader, row, 'indexer_queue_size'), '0');
	t.is(cell(monitorAnalysisdHeader, row, 'indexer_queue_usage_percent'), '0.0');
	t.is(cell(monitorAnalysisdHeader, row, 'spaces_standard_events_unclassified'), '');
	const down = monitorAnalysisdRow(failed(engine, 'connect ECONNREFUSED /var/wazuh-manager/queue/sockets/analysis'), context);
	t.deepEqual(down, ['2025-08-07T08:00:03Z', '12.3', '0', 'connect ECONNREFUSED /var/wazuh-manager/queue/sockets/analysis', ...Array.from({length: 18}, () => '')]);
});

test('monitor.py remoted row (5.x): envelope, renamed events, queue in bytes as a float, the reply rebuilt', t => {
	const row = monitorRemotedRow(remoted5(), context);
	t.is(row.length, monitorRemotedHeader.length);
	const at = (name: string): StatsCell | undefined => cell(monitorRemotedHeader, row, name);
	t.deepEqual(row.slice(4, 9), ['0', 'ok', 'wazuh-remoted', '1786963600', '1786960000']);
	t.is(at('messages_received_breakdown_events'), '1030212');
	t.is(at('queues_received_size'), '268435456');
	t.is(at('queues_received_usage'), '81920.0');
	t.is(at('control_messages_queue_breakdown_processed'), '7201');
	const reply = JSON.parse(String(at('raw_response_json'))) as {error: number; data: {name: string; metrics: {tcp_sessions: number}}};
	t.is(reply.data.metrics.tcp_sessions, 100);
	t.is(reply.data.name, 'wazuh-remoted');
	// A 4.x-shaped reply (no control-queue breakdown): those cells stay empty, as monitor.py leaves them.
	const old = monitorRemotedRow({...remoted414(), format: '5'}, context);
	t.is(cell(monitorRemotedHeader, old, 'messages_received_breakdown_events'), '0');
	t.is(cell(monitorRemotedHeader, old, 'control_messages_queue_breakdown_inserted'), '7204');
	const trimmed = remoted414();
	const raw = Object.fromEntries(Object.entries(trimmed.raw).filter(([key]) => !key.startsWith('metrics.control_messages_queue')));
	const noQueue = monitorRemotedRow({...trimmed, raw}, context);
	t.is(cell(monitorRemotedHeader, noQueue, 'control_messages_queue_breakdown_inserted'), '');
	t.is(cell(monitorRemotedHeader, noQueue, 'control_messages_queue_usage'), '0');
});

test('5.x wazuh-db row: every leaf by its path', t => {
	const row = monitorWazuhdbRow(wazuhdb5(), context);
	t.is(row.length, monitorWazuhdbHeader.length);
	const at = (name: string): StatsCell | undefined => cell(monitorWazuhdbHeader, row, name);
	t.is(at('data_name'), 'wazuh-db');
	t.is(at('queries_received'), '6382');
	t.is(at('queries_received_breakdown_global_breakdown_tables_agent_select_agent_group'), '852');
	t.is(at('queries_received_breakdown_task_breakdown_tables_tasks_cleanup_expired'), '18');
	t.is(at('time_execution'), '4257');
	t.is(at('time_execution_breakdown_global_breakdown_tables_agent_update_keepalive'), '658');
	t.is(at('time_execution_breakdown_mitre'), '214');
});
