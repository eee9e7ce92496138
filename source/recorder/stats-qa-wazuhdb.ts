import type {DaemonStats} from '../model/daemon-stats.js';
import {qaApiLeadingCells, qaApiLeadingHeader} from './stats-qa-analysis.js';
import {apiCell, type StatsCell} from './stats-values.js';

/*
 * Wazuh QA's API-mode CSV of wazuh-db (`wazuh-wazuhdb_api_stats.csv`, `wazuhdb_header` of its
 * tools/performance/statistic_headers.py, 149 columns) from a 4.4+ `getstats` reply (Wazuh's
 * src/wazuh_db/wdb_state.c): query counts, then execution times in cumulative milliseconds.
 *
 * Quirk kept: the header repeats names (the `db-*` columns of the agent and global databases, the
 * 19 `Table ...` and the `agent-*`, `belongs-*`, `group-*`, `tasks-*` columns of both the query
 * counts and the times, `MITRE`, `Tasks`, `Wazuhdb`). It is written exactly so: Wazuh QA's plotter
 * and any script written for its files find their columns where that header puts them (pandas
 * reads the repeats as `db-sql.1`, `db-sql.2`, ... by position), and our reader's header checks
 * compare the line verbatim. A deduplicated header would be a different format.
 *
 * Quirk not kept: statistic.py fills `Global Queries ExecTime` with the total execution time
 * (`time.execution`, already in `Total Execution Time`). Here it gets the global database's own
 * time (`execution_breakdown.global`), which the column names and which is nowhere else in the
 * file; the plotter's "Queries time metrics" then draws the three figures its legend names.
 */

const queries = 'metrics.queries.received_breakdown';
const times = 'metrics.time.execution_breakdown';

type Column = readonly [column: string, path: string];

const queryDb = ['begin', 'close', 'commit', 'remove', 'sql', 'vacuum', 'get_fragmentation'];
const timeDb = ['open', ...queryDb];

/** The agent databases' tables: column suffix, path under `tables`. */
const agentTables: readonly Column[] = [
	['CisCat', 'ciscat.ciscat'],
	['Rootcheck', 'rootcheck.rootcheck'],
	['SCA', 'sca.sca'],
	['dbsync', 'sync.dbsync'],
	['Syscheck', 'syscheck.syscheck'],
	['Syscheck file', 'syscheck.fim_file'],
	['Syscheck registry', 'syscheck.fim_registry'],
	['Syscheck registry_key', 'syscheck.fim_registry_key'],
	['Syscheck registry_value', 'syscheck.fim_registry_value'],
	...['hotfixes', 'hwinfo', 'network_address', 'network_iface', 'network_protocol'].map((name): Column => [`Syscollector ${name}`, `syscollector.syscollector_${name}`]),
	['Syscollector os_info', 'syscollector.syscollector_osinfo'],
	...['packages', 'ports', 'processes'].map((name): Column => [`Syscollector ${name}`, `syscollector.syscollector_${name}`]),
	// Gone in 4.8 (written 0 then, as statistic.py does).
	['Vulnerability CVEs', 'vulnerability.vuln_cves'],
];

/** `global_breakdown.tables.agent`, in Wazuh QA's order (it has no column for `recalculate-agent-group-hashes`). */
const globalAgentQueries = [
	'delete-agent', 'disconnect-agents', 'find-agent', 'get-agent-info', 'get-agents-by-connection-status',
	'get-all-agents', 'get-distinct-groups', 'get-groups-integrity', 'insert-agent', 'reset-agents-connection',
	'select-agent-group', 'select-agent-name', 'set-agent-groups', 'sync-agent-groups-get', 'sync-agent-info-get',
	'sync-agent-info-set', 'update-agent-data', 'update-agent-name', 'update-connection-status',
	'update-status-code', 'update-keepalive',
];

const globalOtherTables: readonly Column[] = [
	['belongs-get-group-agents', 'belongs.get-group-agents'],
	['belongs-select-group-belong', 'belongs.select-group-belong'],
	['group-delete-group', 'group.delete-group'],
	['group-find-group', 'group.find-group'],
	['group-insert-agent-group', 'group.insert-agent-group'],
	['group-select-groups', 'group.select-groups'],
	['labels-get-labels', 'labels.get-labels'],
];

const tasks: readonly Column[] = [
	['delete old task', 'delete_old'],
	['set timeout', 'set_timeout'],
	['upgrade', 'upgrade'],
	['upgrade cancel', 'upgrade_cancel_tasks'],
	['upgrade custom', 'upgrade_custom'],
	['upgrade get status', 'upgrade_get_status'],
	['upgrade results', 'upgrade_result'],
	['upgrade update status', 'upgrade_update_status'],
];

/** The columns shared by the query counts (`base` = queries) and the times (`base` = times), from `Global ...` on. */
function globalAndTasks(base: string, globalDb: readonly string[]): Column[] {
	return [
		...globalDb.map((name): Column => [`db-${name}`, `${base}.global_breakdown.db.${name}`]),
		...globalAgentQueries.map((name): Column => [`agent-${name}`, `${base}.global_breakdown.tables.agent.${name}`]),
		...globalOtherTables.map(([column, path]): Column => [column, `${base}.global_breakdown.tables.${path}`]),
		['MITRE', `${base}.mitre`],
		['Tasks', `${base}.task`],
		...tasks.map(([column, path]): Column => [`tasks-${column}`, `${base}.task_breakdown.tables.tasks.${path}`]),
		['Wazuhdb', `${base}.wazuhdb`],
	];
}

const columns: readonly Column[] = [
	['Received queries', 'metrics.queries.received'],
	['Agent queries', `${queries}.agent`],
	...queryDb.map((name): Column => [`db-${name}`, `${queries}.agent_breakdown.db.${name}`]),
	...agentTables.map(([column, path]): Column => [`Table ${column}`, `${queries}.agent_breakdown.tables.${path}`]),
	['Global queries', `${queries}.global`],
	...globalAndTasks(queries, ['backup', 'sql', 'vacuum', 'get_fragmentation']),
	['Total Execution Time', 'metrics.time.execution'],
	['Agent ExecTime', `${times}.agent`],
	...timeDb.map((name): Column => [`db-${name}`, `${times}.agent_breakdown.db.${name}`]),
	...agentTables.map(([column, path]): Column => [`Table ${column}`, `${times}.agent_breakdown.tables.${path}`]),
	['Global Queries ExecTime', `${times}.global`],
	...globalAndTasks(times, ['open', 'backup', 'sql', 'vacuum', 'get_fragmentation']),
];

export const qaWazuhdbApiHeader: readonly string[] = [...qaApiLeadingHeader, ...columns.map(([column]) => column)];
/** Each column's path in the getstats reply, aligned with the header (undefined for the leading three). */
export const qaWazuhdbApiPaths: ReadonlyArray<string | undefined> = [...qaApiLeadingHeader.map(() => undefined), ...columns.map(([, path]) => path)];

/** One row of `wazuh-wazuhdb_api_stats.csv`; a key the version lacks (4.4–4.7) leaves its cell empty. */
export function qaWazuhdbApiRow(stats: DaemonStats, roundTime: number): StatsCell[] {
	return [
		...qaApiLeadingCells(stats, roundTime),
		...columns.map(([, path]) => (path.endsWith('.vulnerability.vuln_cves') ? apiCell(stats, path) || '0' : apiCell(stats, path))),
	];
}
