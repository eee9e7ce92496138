import {leaves, type Tree} from './tree.js';

/**
 * The key trees of wazuh-db's getstats reply (Wazuh's src/wazuh_db/wdb_state.c,
 * `wdb_create_state_json`): 4.14 (unchanged since 4.14.0) and 5.x (main), where the agent databases
 * and the `wazuhdb` branch are gone. `queries.*` count queries received, `time.*` sum their execution
 * in milliseconds; every non-leaf count is the sum of its `_breakdown` sibling.
 */

export type WdbVersion = 4 | 5;

const syscollector = 'syscollector_hotfixes syscollector_hwinfo syscollector_network_address syscollector_network_iface syscollector_network_protocol syscollector_osinfo syscollector_packages syscollector_ports syscollector_processes';
const agentTable4 = 'delete-agent disconnect-agents find-agent get-agent-info get-agents-by-connection-status get-all-agents get-distinct-groups get-groups-integrity recalculate-agent-group-hashes insert-agent reset-agents-connection select-agent-group select-agent-name set-agent-groups sync-agent-groups-get sync-agent-info-get sync-agent-info-set update-agent-data update-agent-name update-connection-status update-status-code update-keepalive';
const agentTable5 = agentTable4.replace(' select-agent-name', '').replace(' update-agent-name', '');

/** 4.x only: the agents' own databases. The time branch has `open`, and lists groups before users. */
function agentBreakdown(time: boolean): Tree {
	return {
		db: leaves(`${time ? 'open ' : ''}begin close commit remove sql vacuum get_fragmentation sleep`),
		tables: {
			ciscat: leaves('ciscat'),
			rootcheck: leaves('rootcheck'),
			sca: leaves('sca'),
			sync: leaves('dbsync'),
			syscheck: leaves('fim_file fim_registry fim_registry_key fim_registry_value syscheck'),
			syscollector: {
				...leaves(syscollector),
				...leaves(time ? 'syscollector_groups syscollector_users' : 'syscollector_users syscollector_groups'),
				...leaves('syscollector_browser_extensions syscollector_services'),
				deprecated: leaves('hardware hotfix netaddr netinfo netproto osinfo package port process'),
			},
		},
	};
}

function globalBreakdown(version: WdbVersion, time: boolean): Tree {
	return {
		db: leaves(`${time ? 'open ' : ''}backup sql vacuum get_fragmentation sleep`),
		tables: {
			agent: leaves(version === 4 ? agentTable4 : agentTable5),
			belongs: leaves('get-group-agents select-group-belong'),
			group: leaves('delete-group find-group insert-agent-group select-groups'),
			...version === 4 ? {labels: leaves('get-labels')} : {},
		},
	};
}

const tasks: Record<WdbVersion, string> = {
	4: 'delete_old set_timeout upgrade upgrade_cancel_tasks upgrade_custom upgrade_get_status upgrade_result upgrade_update_status',
	5: 'create get_pending mark_delivered cleanup_expired delete_old',
};

function branches(version: WdbVersion, time: boolean): Tree {
	return {
		...version === 4 ? {agent: 'agent_breakdown', agent_breakdown: agentBreakdown(time)} : {},
		global: 'global_breakdown',
		global_breakdown: globalBreakdown(version, time),
		mitre: 'mitre_breakdown',
		mitre_breakdown: {db: leaves('sql')},
		task: 'task_breakdown',
		task_breakdown: {db: leaves('sql'), tables: {tasks: leaves(tasks[version])}},
		...version === 4 ? {wazuhdb: 'wazuhdb_breakdown', wazuhdb_breakdown: {db: leaves('remove')}} : {},
	};
}

export function wdbTree(version: WdbVersion): Tree {
	return {
		queries: {received: 'received_breakdown', received_breakdown: branches(version, false)},
		time: {execution: 'execution_breakdown', execution_breakdown: branches(version, true)},
	};
}

/**
 * What the simulated wazuh-db is asked, by path under `*_breakdown`: share of the queries and mean
 * execution in milliseconds. Paths a version does not have are skipped.
 */
export const wdbWorkload: ReadonlyArray<readonly [string, number, number]> = [
	['global_breakdown.tables.agent.update-keepalive', 0.2, 0.3],
	['global_breakdown.tables.agent.sync-agent-info-get', 0.12, 0.5],
	['global_breakdown.tables.agent.sync-agent-info-set', 0.08, 0.8],
	['global_breakdown.tables.agent.get-agents-by-connection-status', 0.05, 0.6],
	['global_breakdown.tables.agent.update-connection-status', 0.05, 0.4],
	['global_breakdown.tables.agent.get-groups-integrity', 0.02, 0.3],
	['global_breakdown.tables.belongs.get-group-agents', 0.01, 0.4],
	['global_breakdown.db.sql', 0.02, 1.5],
	['agent_breakdown.tables.syscheck.fim_file', 0.14, 0.8],
	['agent_breakdown.tables.syscollector.syscollector_packages', 0.08, 1.2],
	['agent_breakdown.tables.syscollector.syscollector_processes', 0.06, 1],
	['agent_breakdown.tables.sync.dbsync', 0.06, 0.7],
	['agent_breakdown.tables.sca.sca', 0.04, 0.6],
	['agent_breakdown.db.close', 0.02, 0.2],
	['task_breakdown.tables.tasks.delete_old', 0.005, 2],
	['task_breakdown.tables.tasks.cleanup_expired', 0.005, 2],
	['mitre_breakdown.db.sql', 0.005, 1],
	['wazuhdb_breakdown.db.remove', 0.002, 5],
];
