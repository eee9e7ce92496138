import test from 'ava';
import {monitorAnalysisdHeader} from '../../../source/recorder/stats-monitor5.js';
import {monitorRemotedHeader, monitorWazuhdbHeader} from '../../../source/recorder/stats-monitor5-getstats.js';
import {qaAnalysisApiHeader} from '../../../source/recorder/stats-qa-analysis.js';
import {qaRemoteApiHeader, qaRemoteStateHeader} from '../../../source/recorder/stats-qa-remote.js';
import {qaAgentdHeader, qaAnalysisStateHeader, qaLogcollectorHeader} from '../../../source/recorder/stats-qa-state.js';
import {qaWazuhdbApiHeader} from '../../../source/recorder/stats-qa-wazuhdb.js';

/*
 * The headers, written out here name by name as Wazuh QA's tools/performance/statistic_headers.py
 * and Wazuh 5's monitor.py have them (not generated like the source's), so a slip in either the
 * source's tables or their order fails here.
 */

const sources = [
	'azure', 'ciscat', 'command', 'docker', 'logcollector eventchannel', 'logcollector eventlog', 'logcollector macos',
	'logcollector others', 'osquery', 'rootcheck', 'sca', 'syscheck', 'syscollector', 'vulnerability', 'agentd', 'dbsync',
	'monitor', 'remote',
];

test('analysisd_events_header: 64 columns', t => {
	t.deepEqual(qaAnalysisApiHeader, [
		'Timestamp', 'API Timestamp', 'Interval (Timestamp-Uptime)', 'Events processed', 'Events received',
		...sources.map(source => `Decoded from ${source}`),
		...sources.map(source => `Dropped from ${source}`),
		'Written alerts', 'Written archives', 'Written firewall', 'Written fts', 'Written stats',
		...sources.map(source => `EDPS from ${source}`),
	]);
	t.is(qaAnalysisApiHeader.length, 64);
	t.is(qaAnalysisApiHeader[22], 'Decoded from remote');
	t.is(qaAnalysisApiHeader[46], 'EDPS from azure');
});

test('remoted_api_header: 25 columns', t => {
	t.deepEqual(qaRemoteApiHeader, [
		'Timestamp', 'API Timestamp', 'Interval (Timestamp-Uptime)', 'Queue size', 'Queue usage', 'TCP sessions',
		'Keys reload count', 'Control messages', 'Control keepalives', 'Control requests', 'Control shutdown',
		'Control startup', 'Dequeued messages', 'Discarded messages', 'Events count', 'Ping messages', 'Unknown messages',
		'Sent ack', 'Sent ar', 'Sent discarded', 'Sent request', 'Sent sca', 'Sent shared', 'Metrics-Bytes received',
		'Metrics-Bytes sent',
	]);
});

const agentTables = [
	'Table CisCat', 'Table Rootcheck', 'Table SCA', 'Table dbsync', 'Table Syscheck', 'Table Syscheck file',
	'Table Syscheck registry', 'Table Syscheck registry_key', 'Table Syscheck registry_value',
	'Table Syscollector hotfixes', 'Table Syscollector hwinfo', 'Table Syscollector network_address',
	'Table Syscollector network_iface', 'Table Syscollector network_protocol', 'Table Syscollector os_info',
	'Table Syscollector packages', 'Table Syscollector ports', 'Table Syscollector processes', 'Table Vulnerability CVEs',
];
const globalAgent = [
	'agent-delete-agent', 'agent-disconnect-agents', 'agent-find-agent', 'agent-get-agent-info',
	'agent-get-agents-by-connection-status', 'agent-get-all-agents', 'agent-get-distinct-groups',
	'agent-get-groups-integrity', 'agent-insert-agent', 'agent-reset-agents-connection', 'agent-select-agent-group',
	'agent-select-agent-name', 'agent-set-agent-groups', 'agent-sync-agent-groups-get', 'agent-sync-agent-info-get',
	'agent-sync-agent-info-set', 'agent-update-agent-data', 'agent-update-agent-name', 'agent-update-connection-status',
	'agent-update-status-code', 'agent-update-keepalive',
];
const groupsAndTasks = [
	'belongs-get-group-agents', 'belongs-select-group-belong', 'group-delete-group', 'group-find-group',
	'group-insert-agent-group', 'group-select-groups', 'labels-get-labels', 'MITRE', 'Tasks', 'tasks-delete old task',
	'tasks-set timeout', 'tasks-upgrade', 'tasks-upgrade cancel', 'tasks-upgrade custom', 'tasks-upgrade get status',
	'tasks-upgrade results', 'tasks-upgrade update status', 'Wazuhdb',
];

test('wazuhdb_header: 149 columns, its repeated names kept', t => {
	t.deepEqual(qaWazuhdbApiHeader, [
		'Timestamp', 'API Timestamp', 'Interval (Timestamp-Uptime)', 'Received queries', 'Agent queries',
		'db-begin', 'db-close', 'db-commit', 'db-remove', 'db-sql', 'db-vacuum', 'db-get_fragmentation',
		...agentTables,
		'Global queries', 'db-backup', 'db-sql', 'db-vacuum', 'db-get_fragmentation',
		...globalAgent,
		...groupsAndTasks,
		'Total Execution Time', 'Agent ExecTime',
		'db-open', 'db-begin', 'db-close', 'db-commit', 'db-remove', 'db-sql', 'db-vacuum', 'db-get_fragmentation',
		...agentTables,
		'Global Queries ExecTime', 'db-open', 'db-backup', 'db-sql', 'db-vacuum', 'db-get_fragmentation',
		...globalAgent,
		...groupsAndTasks,
	]);
	t.is(qaWazuhdbApiHeader.length, 149);
	t.is(qaWazuhdbApiHeader.filter(name => name === 'db-sql').length, 4, 'the agent and global db-sql, of queries and of times');
});

test('the state-file headers: analysisd_header, remoted_header, agentd_header, logcollector_header', t => {
	const queues = ['Syscheck', 'Syscollector', 'Rootcheck', 'SCA', 'Hostinfo', 'Winevt', 'DBSync', 'Upgrade', 'Event', 'Rule matching', 'Alerts log', 'Firewall log', 'Statistical log', 'Archives log'];
	t.deepEqual(qaAnalysisStateHeader, [
		'Timestamp', 'Total Events', 'Syscheck Events Decoded', 'Syscollector Events Decoded', 'Rootcheck Events Decoded',
		'SCA Events Decoded', 'WinEvt Events Decoded', 'DBSync Messages dispatched', 'Other Events Decoded',
		'Events processed (Rule matching)', 'Events received', 'Events dropped', 'Alerts written', 'Firewall alerts written',
		'FTS alerts written',
		...queues.flatMap(queue => [`${queue} queue usage`, `${queue} queue size`]),
	]);
	t.is(qaAnalysisStateHeader.length, 43);
	t.deepEqual(qaRemoteStateHeader, ['Timestamp', 'Queue size', 'Total Queue size', 'TCP sessions', 'Events count', 'Control messages', 'Discarded messages', 'Bytes received']);
	t.deepEqual(qaAgentdHeader, ['Timestamp', 'Status', 'Last Keepalive', 'Last ACK', 'Number of generated events', 'Number of messages', 'Number of events buffered']);
	t.deepEqual(qaLogcollectorHeader, ['Timestamp', 'Location', 'Events', 'Bytes', 'Target', 'Target Drops']);
});

test('monitor.py: ANALYSISD_HEADER (22) and REMOTED_HEADER (37)', t => {
	t.deepEqual(monitorAnalysisdHeader, [
		'timestamp', 'elapsed_s', 'query_ok', 'query_error', 'server_events_received', 'router_queue_size',
		'router_queue_usage_percent', 'router_queue_bytes_used', 'router_queue_bytes_usage_percent', 'router_events_processed',
		'router_events_dropped', 'indexer_queue_size', 'indexer_queue_usage_percent', 'indexer_events_dropped', 'router_eps_1m',
		'agent_cache_entries', 'agent_cache_hits', 'agent_cache_insertions', 'agent_cache_updates', 'agent_cache_evictions',
		'spaces_standard_events_unclassified', 'raw_response_json',
	]);
	t.deepEqual(monitorRemotedHeader, [
		'timestamp', 'elapsed_s', 'query_ok', 'query_error', 'error', 'message', 'data_name', 'data_timestamp',
		'data_uptime', 'metrics_bytes_received', 'metrics_bytes_sent', 'metrics_keys_reload_count',
		'messages_received_breakdown_control', 'messages_received_breakdown_dequeued_after',
		'messages_received_breakdown_discarded', 'messages_received_breakdown_events',
		'messages_received_breakdown_events_failed', 'messages_received_breakdown_ping', 'messages_received_breakdown_states',
		'messages_received_breakdown_unknown', 'messages_received_breakdown_control_breakdown_keepalive',
		'messages_received_breakdown_control_breakdown_request', 'messages_received_breakdown_control_breakdown_shutdown',
		'messages_received_breakdown_control_breakdown_startup', 'messages_sent_breakdown_ack', 'messages_sent_breakdown_ar',
		'messages_sent_breakdown_discarded', 'messages_sent_breakdown_request', 'messages_sent_breakdown_shared',
		'queues_received_size', 'queues_received_usage', 'tcp_sessions', 'control_messages_queue_usage',
		'control_messages_queue_breakdown_inserted', 'control_messages_queue_breakdown_replaced',
		'control_messages_queue_breakdown_processed', 'raw_response_json',
	]);
});

test('the 5.x wazuh-db header: monitor.py\'s leading columns, one column per leaf of the 5.x reply, unique names', t => {
	t.deepEqual(monitorWazuhdbHeader.slice(0, 9), ['timestamp', 'elapsed_s', 'query_ok', 'query_error', 'error', 'message', 'data_name', 'data_timestamp', 'data_uptime']);
	t.is(monitorWazuhdbHeader.at(-1), 'raw_response_json');
	t.is(new Set(monitorWazuhdbHeader).size, monitorWazuhdbHeader.length);
	t.true(monitorWazuhdbHeader.every(name => /^[a-z0-9_]+$/.test(name)));
	for (const column of ['queries_received', 'queries_received_breakdown_global_breakdown_tables_agent_recalculate_agent_group_hashes', 'queries_received_breakdown_task_breakdown_tables_tasks_cleanup_expired', 'time_execution', 'time_execution_breakdown_global_breakdown_db_open']) {
		t.true(monitorWazuhdbHeader.includes(column), column);
	}

	// 42 query leaves and 43 time leaves (the time branch has db.open) of the 5.x tree.
	t.is(monitorWazuhdbHeader.length, 9 + 42 + 43 + 1);
});
