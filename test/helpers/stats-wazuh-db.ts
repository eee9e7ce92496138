/*
 * wazuh-db's getstats reply as Wazuh writes it, per version (the tree of Wazuh's
 * src/wazuh_db/wdb_state.c at v4.4.0, v4.8.0, v4.14.7 and 5.x main), with the figures a test
 * chooses; every other leaf is 0.
 */

export type WazuhDbFigures = {
	/** Epoch seconds. */
	readonly uptime: number;
	readonly timestamp: number;
	readonly queries: number;
	/** Milliseconds, as Wazuh counts them. */
	readonly executionMs: number;
};

type Version = '4.4' | '4.8' | '4.14' | '5';

const zeros = (names: readonly string[]): Record<string, number> => Object.fromEntries(names.map(name => [name, 0]));

function agentTables(version: Version): object {
	const syscheck = version === '4.4' ? ['fim_file', 'fim_registry', 'syscheck'] : ['fim_file', 'fim_registry', 'fim_registry_key', 'fim_registry_value', 'syscheck'];
	const syscollector = ['syscollector_hotfixes', 'syscollector_hwinfo', 'syscollector_network_address', 'syscollector_network_iface', 'syscollector_network_protocol', 'syscollector_osinfo', 'syscollector_packages', 'syscollector_ports', 'syscollector_processes',
		...version === '4.14' ? ['syscollector_users', 'syscollector_groups', 'syscollector_browser_extensions', 'syscollector_services'] : []];
	return {
		ciscat: {ciscat: 0},
		rootcheck: {rootcheck: 0},
		sca: {sca: 0},
		sync: {dbsync: 0},
		syscheck: zeros(syscheck),
		syscollector: {...zeros(syscollector), deprecated: zeros(['hardware', 'hotfix', 'netaddr', 'netinfo', 'netproto', 'osinfo', 'package', 'port', 'process'])},
		...version === '4.4' ? {vulnerability: {vuln_cves: 0}} : {},
	};
}

function globalTables(version: Version): object {
	const agent = ['delete-agent', 'disconnect-agents', 'find-agent', 'get-agent-info', 'get-agents-by-connection-status', 'get-all-agents', 'get-distinct-groups', 'get-groups-integrity', 'recalculate-agent-group-hashes', 'insert-agent', 'reset-agents-connection', 'select-agent-group', 'select-agent-name', 'set-agent-groups', 'sync-agent-groups-get', 'sync-agent-info-get', 'sync-agent-info-set', 'update-agent-data', 'update-agent-name', 'update-connection-status', 'update-status-code', 'update-keepalive']
		.filter(name => !(version === '4.4' && ['recalculate-agent-group-hashes', 'update-status-code'].includes(name)))
		.filter(name => !(version === '5' && ['select-agent-name', 'update-agent-name'].includes(name)));
	return {
		agent: zeros(agent),
		belongs: zeros(['get-group-agents', 'select-group-belong']),
		group: zeros(['delete-group', 'find-group', 'insert-agent-group', 'select-groups']),
		...version === '5' ? {} : {labels: {'get-labels': 0}},
	};
}

const tasks = (version: Version): Record<string, number> => zeros(version === '5'
	? ['create', 'get_pending', 'mark_delivered', 'cleanup_expired', 'delete_old']
	: ['delete_old', 'set_timeout', 'upgrade', 'upgrade_cancel_tasks', 'upgrade_custom', 'upgrade_get_status', 'upgrade_result', 'upgrade_update_status']);

/** One of the two branches (`queries.received_breakdown`, `time.execution_breakdown`), `total` put on `global`. */
function branch(version: Version, time: boolean, total: number): object {
	const sleep = version === '4.4' ? [] : ['sleep'];
	const open = time && version !== '4.4' ? ['open'] : [];
	const agentDb = [...open, 'begin', 'close', 'commit', 'remove', 'sql', 'vacuum', 'get_fragmentation', ...sleep];
	const globalDb = [...open, 'backup', 'sql', 'vacuum', 'get_fragmentation', ...sleep];
	return {
		...version === '5' ? {} : {agent: 0, agent_breakdown: {db: zeros(agentDb), tables: agentTables(version)}},
		global: total,
		global_breakdown: {db: zeros(globalDb), tables: globalTables(version)},
		mitre: 0,
		mitre_breakdown: {db: {sql: 0}},
		task: 0,
		task_breakdown: {db: {sql: 0}, tables: {tasks: tasks(version)}},
		...version === '5' ? {} : {wazuhdb: 0, wazuhdb_breakdown: {db: {remove: 0}}},
	};
}

/** The getstats reply of wazuh-db `version`, as the object sent. */
export function wazuhDbGetstats(version: Version, figures: WazuhDbFigures): object {
	return {
		error: 0,
		message: 'ok',
		data: {
			uptime: figures.uptime,
			timestamp: figures.timestamp,
			name: 'wazuh-db',
			metrics: {
				queries: {received: figures.queries, received_breakdown: branch(version, false, figures.queries)},
				time: {execution: figures.executionMs, execution_breakdown: branch(version, true, figures.executionMs)},
			},
		},
	};
}
