/**
 * The keys of the Wazuh daemons' statistics, written down from the research notes on their sources
 * (Wazuh's src/analysisd/state.c, src/remoted/state.c, src/wazuh_db/wdb_state.c, the engine's
 * metric_names.hpp), in the notes' own brace notation: `a.b.{c, d{e, f}}` is a.b.c, a.b.d.e,
 * a.b.d.f. Independent of the demo's code, which the tests check against them.
 */

function splitTop(list: string): string[] {
	const items: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of list) {
		if (char === ',' && depth === 0) {
			items.push(current.trim());
			current = '';
			continue;
		}

		depth += char === '{' ? 1 : char === '}' ? -1 : 0;
		current += char;
	}

	return current.trim() === '' ? items : [...items, current.trim()];
}

/** Every path a line of brace notation names. */
export function expand(line: string): string[] {
	const open = line.indexOf('{');
	if (open === -1) {
		return [line];
	}

	const prefix = line.slice(0, open).replace(/\.$/, '');
	const inner = line.slice(open + 1, line.lastIndexOf('}'));
	return splitTop(inner).flatMap(item => expand(item).map(path => prefix === '' ? path : `${prefix}.${path}`));
}

const all = (lines: readonly string[]) => lines.flatMap(line => expand(line));

const breakdown = (which: string) => [
	`metrics.events.received_breakdown.${which}.{agent, agentless, dbsync, monitor, remote, syslog}`,
	`metrics.events.received_breakdown.${which}.integrations_breakdown.{virustotal}`,
	`metrics.events.received_breakdown.${which}.modules_breakdown.{aws, azure, ciscat, command, docker, gcp, github, office365, ms-graph, oscap, osquery, rootcheck, sca, syscheck, syscollector, upgrade, vulnerability}`,
	`metrics.events.received_breakdown.${which}.modules_breakdown.logcollector_breakdown.{eventchannel, eventlog, macos, others}`,
];

export const analysisdQueues = ['alerts', 'archives', 'dbsync', 'eventchannel', 'firewall', 'fts', 'hostinfo', 'others', 'processed', 'rootcheck', 'sca', 'stats', 'syscheck', 'syscollector', 'upgrade'];

/** analysisd 4.8 to 4.14 without an EPS limit: `data`'s paths. */
export const analysisd4 = all([
	'{uptime, timestamp, name}',
	'metrics.bytes.{received}',
	'metrics.events.{processed, received}',
	...breakdown('decoded_breakdown'),
	...breakdown('dropped_breakdown'),
	'metrics.events.written_breakdown.{alerts, archives, firewall, fts, stats}',
	...analysisdQueues.map(queue => `metrics.queues.${queue}.{size, usage}`),
]);

/** remoted 4.13 and 4.14. */
export const remoted4 = all([
	'{uptime, timestamp, name}',
	'metrics.bytes.{received, sent}',
	'metrics.keys_reload_count',
	'metrics.messages.received_breakdown.{control, control_breakdown{keepalive, request, shutdown, startup}, dequeued_after, discarded, event, ping, unknown}',
	'metrics.messages.sent_breakdown.{ack, ar, discarded, request, sca, shared}',
	'metrics.queues.received.{size, usage}',
	'metrics.tcp_sessions',
	'metrics.control_messages_queue_usage',
	'metrics.control_messages_queue_breakdown.{inserted, replaced, processed}',
]);

/** remoted on 5.x (main). */
export const remoted5 = all([
	'{uptime, timestamp, name}',
	'metrics.bytes.{received, sent}',
	'metrics.keys_reload_count',
	'metrics.messages.received_breakdown.{control, control_breakdown{keepalive,request,shutdown,startup}, events_failed, dequeued_after, discarded, events, states, ping, unknown, upgrade_ack}',
	'metrics.messages.sent_breakdown.{ack, ar, discarded, request, shared}',
	'metrics.queues.received.{size, usage}',
	'metrics.tcp_sessions',
	'metrics.control_messages_queue_usage',
	'metrics.control_messages_queue_breakdown.{inserted, replaced, processed}',
]);

const syscollector4 = 'syscollector_hotfixes, syscollector_hwinfo, syscollector_network_address, syscollector_network_iface, syscollector_network_protocol, syscollector_osinfo, syscollector_packages, syscollector_ports, syscollector_processes, syscollector_users, syscollector_groups, syscollector_browser_extensions, syscollector_services';
const agentTable4 = 'delete-agent, disconnect-agents, find-agent, get-agent-info, get-agents-by-connection-status, get-all-agents, get-distinct-groups, get-groups-integrity, recalculate-agent-group-hashes, insert-agent, reset-agents-connection, select-agent-group, select-agent-name, set-agent-groups, sync-agent-groups-get, sync-agent-info-get, sync-agent-info-set, update-agent-data, update-agent-name, update-connection-status, update-status-code, update-keepalive';
const tasks4 = 'delete_old, set_timeout, upgrade, upgrade_cancel_tasks, upgrade_custom, upgrade_get_status, upgrade_result, upgrade_update_status';

function agentTables(branch: string): string[] {
	return [
		`${branch}.agent_breakdown.tables.ciscat.{ciscat}`,
		`${branch}.agent_breakdown.tables.rootcheck.{rootcheck}`,
		`${branch}.agent_breakdown.tables.sca.{sca}`,
		`${branch}.agent_breakdown.tables.sync.{dbsync}`,
		`${branch}.agent_breakdown.tables.syscheck.{fim_file, fim_registry, fim_registry_key, fim_registry_value, syscheck}`,
		`${branch}.agent_breakdown.tables.syscollector.{${syscollector4}}`,
		`${branch}.agent_breakdown.tables.syscollector.deprecated.{hardware, hotfix, netaddr, netinfo, netproto, osinfo, package, port, process}`,
	];
}

/** wazuh-db 4.14 (185 leaves with uptime, timestamp and name). */
export const wazuhDb4 = all([
	'{uptime, timestamp, name}',
	'metrics.queries.{received}',
	'metrics.queries.received_breakdown.{agent, global, mitre, task, wazuhdb}',
	'metrics.queries.received_breakdown.agent_breakdown.db.{begin, close, commit, remove, sql, vacuum, get_fragmentation, sleep}',
	...agentTables('metrics.queries.received_breakdown'),
	'metrics.queries.received_breakdown.global_breakdown.db.{backup, sql, vacuum, get_fragmentation, sleep}',
	`metrics.queries.received_breakdown.global_breakdown.tables.agent.{${agentTable4}}`,
	'metrics.queries.received_breakdown.global_breakdown.tables.belongs.{get-group-agents, select-group-belong}',
	'metrics.queries.received_breakdown.global_breakdown.tables.group.{delete-group, find-group, insert-agent-group, select-groups}',
	'metrics.queries.received_breakdown.global_breakdown.tables.labels.{get-labels}',
	'metrics.queries.received_breakdown.mitre_breakdown.db.{sql}',
	'metrics.queries.received_breakdown.task_breakdown.db.{sql}',
	`metrics.queries.received_breakdown.task_breakdown.tables.tasks.{${tasks4}}`,
	'metrics.queries.received_breakdown.wazuhdb_breakdown.db.{remove}',
	'metrics.time.{execution}',
	'metrics.time.execution_breakdown.{agent, global, mitre, task, wazuhdb}',
	'metrics.time.execution_breakdown.agent_breakdown.db.{open, begin, close, commit, remove, sql, vacuum, get_fragmentation, sleep}',
	...agentTables('metrics.time.execution_breakdown'),
	'metrics.time.execution_breakdown.global_breakdown.db.{open, backup, sql, vacuum, get_fragmentation, sleep}',
	`metrics.time.execution_breakdown.global_breakdown.tables.{agent{${agentTable4}}, belongs{get-group-agents, select-group-belong}, group{delete-group, find-group, insert-agent-group, select-groups}, labels{get-labels}}`,
	'metrics.time.execution_breakdown.mitre_breakdown.db.{sql}',
	'metrics.time.execution_breakdown.task_breakdown.db.{sql}',
	`metrics.time.execution_breakdown.task_breakdown.tables.tasks.{${tasks4}}`,
	'metrics.time.execution_breakdown.wazuhdb_breakdown.db.{remove}',
]);

const agentTable5 = 'delete-agent, disconnect-agents, find-agent, get-agent-info, get-agents-by-connection-status, get-all-agents, get-distinct-groups, get-groups-integrity, recalculate-agent-group-hashes, insert-agent, reset-agents-connection, select-agent-group, set-agent-groups, sync-agent-groups-get, sync-agent-info-get, sync-agent-info-set, update-agent-data, update-connection-status, update-status-code, update-keepalive';
const tasks5 = 'create, get_pending, mark_delivered, cleanup_expired, delete_old';

/** wazuh-db on 5.x (main). */
export const wazuhDb5 = all([
	'{uptime, timestamp, name}',
	'metrics.queries.{received}',
	'metrics.queries.received_breakdown.{global, mitre, task}',
	'metrics.queries.received_breakdown.global_breakdown.db.{backup, sql, vacuum, get_fragmentation, sleep}',
	`metrics.queries.received_breakdown.global_breakdown.tables.agent.{${agentTable5}}`,
	'metrics.queries.received_breakdown.global_breakdown.tables.belongs.{get-group-agents, select-group-belong}',
	'metrics.queries.received_breakdown.global_breakdown.tables.group.{delete-group, find-group, insert-agent-group, select-groups}',
	'metrics.queries.received_breakdown.mitre_breakdown.db.{sql}',
	'metrics.queries.received_breakdown.task_breakdown.db.{sql}',
	`metrics.queries.received_breakdown.task_breakdown.tables.tasks.{${tasks5}}`,
	'metrics.time.{execution}',
	'metrics.time.execution_breakdown.{global, mitre, task}',
	'metrics.time.execution_breakdown.global_breakdown.db.{open, backup, sql, vacuum, get_fragmentation, sleep}',
	`metrics.time.execution_breakdown.global_breakdown.tables.{agent{${agentTable5}}, belongs{get-group-agents, select-group-belong}, group{delete-group, find-group, insert-agent-group, select-groups}}`,
	'metrics.time.execution_breakdown.mitre_breakdown.db.{sql}',
	'metrics.time.execution_breakdown.task_breakdown.db.{sql}',
	`metrics.time.execution_breakdown.task_breakdown.tables.tasks.{${tasks5}}`,
]);

/** The engine's metrics (5.x `POST /metrics/dump`): name and type in the dump, outside any space. */
export const engineGlobal: Readonly<Record<string, 'counter' | 'pull'>> = {
	'indexer.queue.size': 'pull',
	'indexer.queue.usage.percent': 'pull',
	'indexer.events.dropped': 'pull',
	'router.queue.size': 'pull',
	'router.queue.usage.percent': 'pull',
	'router.queue.bytes.used': 'pull',
	'router.queue.bytes.usage.percent': 'pull',
	'router.eps.1m': 'pull',
	'router.eps.5m': 'pull',
	'router.eps.30m': 'pull',
	'router.events.processed': 'counter',
	'router.events.dropped': 'counter',
	'agent.cache.entries': 'pull',
	'agent.cache.hits': 'counter',
	'agent.cache.evictions': 'counter',
	'agent.cache.insertions': 'counter',
	'agent.cache.updates': 'counter',
	'server.bytes.received': 'counter',
	'server.events.received': 'counter',
};

/** Per space, the `space.<s>.` prefix stripped. */
export const engineSpace = ['events.unclassified', 'events.discarded', 'events.discarded.prefilter', 'events.discarded.postfilter'];

/** The 4.4 to 4.14 analysisd state file's keys, in file order. */
export const analysisdStateKeys = `total_events_decoded syscheck_events_decoded syscollector_events_decoded rootcheck_events_decoded
sca_events_decoded winevt_events_decoded dbsync_messages_dispatched other_events_decoded events_processed
events_received events_dropped alerts_written firewall_written fts_written
syscheck_queue_usage syscheck_queue_size syscollector_queue_usage syscollector_queue_size rootcheck_queue_usage
rootcheck_queue_size sca_queue_usage sca_queue_size hostinfo_queue_usage hostinfo_queue_size winevt_queue_usage
winevt_queue_size dbsync_queue_usage dbsync_queue_size upgrade_queue_usage upgrade_queue_size event_queue_usage
event_queue_size rule_matching_queue_usage rule_matching_queue_size alerts_queue_usage alerts_queue_size
firewall_queue_usage firewall_queue_size statistical_queue_usage statistical_queue_size archives_queue_usage
archives_queue_size`.split(/\s+/);

/** The 4.13 and 4.14 remoted state file's keys, in file order. */
export const remotedStateKeys = 'queue_size total_queue_size tcp_sessions evt_count ctrl_msg_count discarded_count sent_bytes recv_bytes dequeued_after_close ctrl_msg_queue_usage ctrl_msg_queue_inserted ctrl_msg_queue_replaced ctrl_msg_queue_processed'.split(' ');
