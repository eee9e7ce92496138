import type {DaemonStats} from '../model/daemon-stats.js';
import {monitorLeadingHeader, monitorRow, pythonJson, type MonitorContext} from './stats-monitor5.js';
import {monitorFloat, monitorInt, rawNumber, type StatsCell} from './stats-values.js';

/*
 * The 5.x daemons still answering the 4.x framed `getstats` (Wazuh's src/remoted/src/state.c,
 * src/wazuh_db/src/wdb_state.c on 5.x), in monitor.py's style (rules in stats-monitor5.ts):
 * `stats-api-remoted.csv` with its exact `REMOTED_HEADER`, and `stats-api-wazuhdb.csv`, which
 * monitor.py does not write (it does not poll wazuh-db).
 *
 * The wazuh-db header is ours, chosen to read like monitor.py's remoted file: the same nine leading
 * columns (`timestamp` ... `data_uptime`), then every leaf of the 5.x reply in its order, named by
 * its path under `data.metrics` with `.` and `-` as `_` (monitor.py's naming, identifiers only),
 * then `raw_response_json`. Fixed, not taken from each reply, so rows of every round and run line
 * up; a leaf a later version adds is still in `raw_response_json`.
 */

const getstatsLeadingHeader = [...monitorLeadingHeader, 'error', 'message', 'data_name', 'data_timestamp', 'data_uptime'] as const;

/** A column of a getstats file: its reply path under `data`, written as an int unless `float`. */
type Leaf = {readonly column: string; readonly path: string; readonly float?: boolean};

const leaf = (path: string, column = path.replace(/^metrics\./, '').replace(/[.-]/g, '_')): Leaf => ({column, path});

const remotedReceived = 'metrics.messages.received_breakdown';
const remotedSent = 'metrics.messages.sent_breakdown';

/** REMOTED_HEADER's columns after `data_uptime`; the `metrics_` prefix is only on its first three, as monitor.py names them. */
const remotedLeaves: readonly Leaf[] = [
	leaf('metrics.bytes.received', 'metrics_bytes_received'),
	leaf('metrics.bytes.sent', 'metrics_bytes_sent'),
	leaf('metrics.keys_reload_count', 'metrics_keys_reload_count'),
	...['control', 'dequeued_after', 'discarded', 'events', 'events_failed', 'ping', 'states', 'unknown'].map(name => leaf(`${remotedReceived}.${name}`)),
	...['keepalive', 'request', 'shutdown', 'startup'].map(name => leaf(`${remotedReceived}.control_breakdown.${name}`)),
	...['ack', 'ar', 'discarded', 'request', 'shared'].map(name => leaf(`${remotedSent}.${name}`)),
	leaf('metrics.queues.received.size'),
	{...leaf('metrics.queues.received.usage'), float: true},
	leaf('metrics.tcp_sessions'),
	leaf('metrics.control_messages_queue_usage'),
	...['inserted', 'replaced', 'processed'].map(name => leaf(`metrics.control_messages_queue_breakdown.${name}`)),
];

const globalAgentTable = [
	'delete-agent', 'disconnect-agents', 'find-agent', 'get-agent-info', 'get-agents-by-connection-status',
	'get-all-agents', 'get-distinct-groups', 'get-groups-integrity', 'recalculate-agent-group-hashes', 'insert-agent',
	'reset-agents-connection', 'select-agent-group', 'set-agent-groups', 'sync-agent-groups-get',
	'sync-agent-info-get', 'sync-agent-info-set', 'update-agent-data', 'update-connection-status',
	'update-status-code', 'update-keepalive',
];

/** The breakdown shared by the query counts and the times of 5.x wazuh-db (`base` ends in `_breakdown`'s parent). */
function wazuhdbBranch(base: string, globalDb: readonly string[]): Leaf[] {
	return [
		...['global', 'mitre', 'task'].map(name => leaf(`${base}.${name}`)),
		...globalDb.map(name => leaf(`${base}.global_breakdown.db.${name}`)),
		...globalAgentTable.map(name => leaf(`${base}.global_breakdown.tables.agent.${name}`)),
		...['get-group-agents', 'select-group-belong'].map(name => leaf(`${base}.global_breakdown.tables.belongs.${name}`)),
		...['delete-group', 'find-group', 'insert-agent-group', 'select-groups'].map(name => leaf(`${base}.global_breakdown.tables.group.${name}`)),
		leaf(`${base}.mitre_breakdown.db.sql`),
		leaf(`${base}.task_breakdown.db.sql`),
		...['create', 'get_pending', 'mark_delivered', 'cleanup_expired', 'delete_old'].map(name => leaf(`${base}.task_breakdown.tables.tasks.${name}`)),
	];
}

const wazuhdbLeaves: readonly Leaf[] = [
	leaf('metrics.queries.received'),
	...wazuhdbBranch('metrics.queries.received_breakdown', ['backup', 'sql', 'vacuum', 'get_fragmentation', 'sleep']),
	leaf('metrics.time.execution'),
	...wazuhdbBranch('metrics.time.execution_breakdown', ['open', 'backup', 'sql', 'vacuum', 'get_fragmentation', 'sleep']),
];

export const monitorRemotedHeader: readonly string[] = [...getstatsLeadingHeader, ...remotedLeaves.map(({column}) => column), 'raw_response_json'];
export const monitorWazuhdbHeader: readonly string[] = [...getstatsLeadingHeader, ...wazuhdbLeaves.map(({column}) => column), 'raw_response_json'];

/** `data.name` of the reply: the daemon's ARGV0, still `wazuh-remoted` / `wazuh-db` on 5.x. */
const replyNames: Partial<Record<DaemonStats['kind'], string>> = {remoted: 'wazuh-remoted', 'wazuh-db': 'wazuh-db'};

type ReplyData = {uptime?: number; timestamp?: number; name?: string | number; [key: string]: unknown};

/** The reply rebuilt from the raw figures (its paths under `data`), with the envelope of a successful one. */
function getstatsReply(stats: DaemonStats): {error: number; message: string; data: ReplyData} {
	const data: ReplyData = {
		uptime: rawNumber(stats, 'uptime') ?? (stats.started === undefined ? undefined : Math.floor(stats.started / 1000)),
		timestamp: rawNumber(stats, 'timestamp') ?? (stats.time === undefined ? undefined : Math.floor(stats.time / 1000)),
		name: stats.raw.name ?? replyNames[stats.kind],
	};
	for (const [path, value] of Object.entries(stats.raw)) {
		const keys = path.split('.');
		let node: Record<string, unknown> = data;
		for (const key of keys.slice(0, -1)) {
			let child = node[key];
			if (typeof child !== 'object' || child === null) {
				child = {};
				node[key] = child;
			}

			node = child as Record<string, unknown>;
		}

		node[keys.at(-1)!] = value;
	}

	return {error: 0, message: 'ok', data};
}

/** Every object path the raw figures hold (`metrics`, `metrics.bytes`, ...). */
function objectPaths(stats: DaemonStats): Set<string> {
	const paths = new Set<string>();
	for (const key of Object.keys(stats.raw)) {
		for (let end = key.indexOf('.'); end !== -1; end = key.indexOf('.', end + 1)) {
			paths.add(key.slice(0, end));
		}
	}

	return paths;
}

/**
 * monitor.py fills a breakdown's cells only when the reply has that object (else they stay empty),
 * and then with 0 for a key it lacks; the metrics directly under `metrics` are always filled.
 */
function leafCell(stats: DaemonStats, objects: ReadonlySet<string>, {path, float}: Leaf): StatsCell {
	const parent = path.slice(0, path.lastIndexOf('.'));
	if (parent !== 'metrics' && !objects.has(parent)) {
		return '';
	}

	return (float ? monitorFloat : monitorInt)(rawNumber(stats, path));
}

function getstatsRow(stats: DaemonStats, context: MonitorContext, header: readonly string[], leaves: readonly Leaf[]): StatsCell[] {
	return monitorRow(stats, context, header.length, () => {
		const reply = getstatsReply(stats);
		const objects = objectPaths(stats);
		return [
			'0',
			'ok',
			reply.data.name === undefined ? '' : String(reply.data.name),
			monitorInt(reply.data.timestamp),
			monitorInt(reply.data.uptime),
			...leaves.map(leaf => leafCell(stats, objects, leaf)),
			pythonJson(reply),
		];
	});
}

/** One row of `stats-api-remoted.csv` (5.x remoted). */
export function monitorRemotedRow(stats: DaemonStats, context: MonitorContext): StatsCell[] {
	return getstatsRow(stats, context, monitorRemotedHeader, remotedLeaves);
}

/** One row of `stats-api-wazuhdb.csv` (5.x wazuh-db). */
export function monitorWazuhdbRow(stats: DaemonStats, context: MonitorContext): StatsCell[] {
	return getstatsRow(stats, context, monitorWazuhdbHeader, wazuhdbLeaves);
}
