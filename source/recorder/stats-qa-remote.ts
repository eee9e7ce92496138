import type {DaemonStats} from '../model/daemon-stats.js';
import {qaApiLeadingCells, qaApiLeadingHeader} from './stats-qa-analysis.js';
import {stateCell} from './stats-qa-state.js';
import {apiCell, qaTimestamp, type StatsCell} from './stats-values.js';

/*
 * Wazuh QA's two CSVs of wazuh-remoted (tools/performance/statistic_headers.py, statistic.py):
 * `wazuh-remote_api_stats.csv` (`remoted_api_header`, 25 columns) from a 4.4+ `getstats` reply
 * (Wazuh's src/remoted/state.c), and `wazuh-wazuh-remoted_stats.csv` (`remoted_header`, 8 columns)
 * from `var/run/wazuh-remoted.state`.
 */

const received = 'metrics.messages.received_breakdown';
const sent = 'metrics.messages.sent_breakdown';

/** Column, then the reply's path; `Queue usage` is a count of queued messages in 4.x, not a fraction. */
const apiColumns: ReadonlyArray<readonly [column: string, path: string]> = [
	['Queue size', 'metrics.queues.received.size'],
	['Queue usage', 'metrics.queues.received.usage'],
	['TCP sessions', 'metrics.tcp_sessions'],
	['Keys reload count', 'metrics.keys_reload_count'],
	['Control messages', `${received}.control`],
	['Control keepalives', `${received}.control_breakdown.keepalive`],
	['Control requests', `${received}.control_breakdown.request`],
	['Control shutdown', `${received}.control_breakdown.shutdown`],
	['Control startup', `${received}.control_breakdown.startup`],
	['Dequeued messages', `${received}.dequeued_after`],
	['Discarded messages', `${received}.discarded`],
	['Events count', `${received}.event`],
	['Ping messages', `${received}.ping`],
	['Unknown messages', `${received}.unknown`],
	['Sent ack', `${sent}.ack`],
	['Sent ar', `${sent}.ar`],
	['Sent discarded', `${sent}.discarded`],
	['Sent request', `${sent}.request`],
	['Sent sca', `${sent}.sca`],
	['Sent shared', `${sent}.shared`],
	['Metrics-Bytes received', 'metrics.bytes.received'],
	['Metrics-Bytes sent', 'metrics.bytes.sent'],
];

export const qaRemoteApiHeader: readonly string[] = [...qaApiLeadingHeader, ...apiColumns.map(([column]) => column)];
/** Each column's path in the getstats reply, aligned with the header (undefined for the leading three). */
export const qaRemoteApiPaths: ReadonlyArray<string | undefined> = [...qaApiLeadingHeader.map(() => undefined), ...apiColumns.map(([, path]) => path)];

/** One row of `wazuh-remote_api_stats.csv`; a key the reply lacks leaves its cell empty. */
export function qaRemoteApiRow(stats: DaemonStats, roundTime: number): StatsCell[] {
	return [...qaApiLeadingCells(stats, roundTime), ...apiColumns.map(([, path]) => apiCell(stats, path))];
}

/** Column, then the state file's key (every 4.x version has these seven). */
const stateColumns: ReadonlyArray<readonly [column: string, key: string]> = [
	['Queue size', 'queue_size'],
	['Total Queue size', 'total_queue_size'],
	['TCP sessions', 'tcp_sessions'],
	['Events count', 'evt_count'],
	['Control messages', 'ctrl_msg_count'],
	['Discarded messages', 'discarded_count'],
	['Bytes received', 'recv_bytes'],
];

export const qaRemoteStateHeader: readonly string[] = ['Timestamp', ...stateColumns.map(([column]) => column)];
/** Each column's key in the state file, aligned with the header (undefined for `Timestamp`). */
export const qaRemoteStateKeys: ReadonlyArray<string | undefined> = [undefined, ...stateColumns.map(([, key]) => key)];

/** One row of `wazuh-wazuh-remoted_stats.csv`: the file's values as written there. */
export function qaRemoteStateRow(stats: DaemonStats, roundTime: number): StatsCell[] {
	return [qaTimestamp(roundTime), ...stateColumns.map(([, key]) => stateCell(stats, key))];
}
