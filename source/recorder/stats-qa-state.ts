import type {DaemonStats} from '../model/daemon-stats.js';
import {sanitizeStem} from './file-names.js';
import {pythonNumber, qaTimestamp, type StatsCell} from './stats-values.js';

/*
 * Wazuh QA's state-file CSVs (tools/performance/statistic_headers.py, statistic.py): `Timestamp`,
 * then the fields of a 4.x `var/run/<daemon>.state` file copied as the file writes them (the
 * quoted text, so `0.00` stays `0.00`). In 4.0–4.3 analysisd's counters are per interval (it
 * resets them after each write, Wazuh's src/analysisd/state.c); they are copied as they are, as
 * statistic.py does. remoted's file is in stats-qa-remote.ts.
 */

/**
 * A state-file value as the file has it: text verbatim; a number the collector parsed is printed
 * back the way the daemon printed it (analysisd's queue usage `%.2f`, every other figure an integer).
 * Empty when the file lacks the key (4.0.0 has no upgrade queue, 4.0–4.1 agents no `msg_buffer`),
 * where statistic.py writes no row at all.
 */
export function stateCell(stats: DaemonStats, key: string): StatsCell {
	const value = stats.raw[key];
	if (value === undefined) {
		return '';
	}

	if (typeof value === 'string') {
		return value;
	}

	if (stats.kind === 'analysisd' && key.endsWith('_queue_usage')) {
		return value.toFixed(2);
	}

	return pythonNumber(value);
}

const analysisdColumns: ReadonlyArray<readonly [column: string, key: string]> = [
	['Total Events', 'total_events_decoded'],
	['Syscheck Events Decoded', 'syscheck_events_decoded'],
	['Syscollector Events Decoded', 'syscollector_events_decoded'],
	['Rootcheck Events Decoded', 'rootcheck_events_decoded'],
	['SCA Events Decoded', 'sca_events_decoded'],
	['WinEvt Events Decoded', 'winevt_events_decoded'],
	['DBSync Messages dispatched', 'dbsync_messages_dispatched'],
	['Other Events Decoded', 'other_events_decoded'],
	['Events processed (Rule matching)', 'events_processed'],
	['Events received', 'events_received'],
	['Events dropped', 'events_dropped'],
	['Alerts written', 'alerts_written'],
	['Firewall alerts written', 'firewall_written'],
	['FTS alerts written', 'fts_written'],
];

/** The 14 queues of the file, in its order: column prefix, then key prefix. */
const analysisdQueues: ReadonlyArray<readonly [column: string, key: string]> = [
	['Syscheck', 'syscheck'],
	['Syscollector', 'syscollector'],
	['Rootcheck', 'rootcheck'],
	['SCA', 'sca'],
	['Hostinfo', 'hostinfo'],
	['Winevt', 'winevt'],
	['DBSync', 'dbsync'],
	['Upgrade', 'upgrade'],
	['Event', 'event'],
	['Rule matching', 'rule_matching'],
	['Alerts log', 'alerts'],
	['Firewall log', 'firewall'],
	['Statistical log', 'statistical'],
	['Archives log', 'archives'],
];

const analysisdAllColumns: ReadonlyArray<readonly [column: string, key: string]> = [
	...analysisdColumns,
	...analysisdQueues.flatMap(([column, key]): Array<readonly [string, string]> => [
		[`${column} queue usage`, `${key}_queue_usage`],
		[`${column} queue size`, `${key}_queue_size`],
	]),
];

export const qaAnalysisStateHeader: readonly string[] = ['Timestamp', ...analysisdAllColumns.map(([column]) => column)];
/** Each column's key in the state file, aligned with the header (undefined for `Timestamp`). */
export const qaAnalysisStateKeys: ReadonlyArray<string | undefined> = [undefined, ...analysisdAllColumns.map(([, key]) => key)];

/** One row of `wazuh-wazuh-analysisd_stats.csv`. */
export function qaAnalysisStateRow(stats: DaemonStats, roundTime: number): StatsCell[] {
	return [qaTimestamp(roundTime), ...analysisdAllColumns.map(([, key]) => stateCell(stats, key))];
}

const agentdColumns: ReadonlyArray<readonly [column: string, key: string]> = [
	['Status', 'status'],
	['Last Keepalive', 'last_keepalive'],
	['Last ACK', 'last_ack'],
	['Number of generated events', 'msg_count'],
	['Number of messages', 'msg_sent'],
	['Number of events buffered', 'msg_buffer'],
];

export const qaAgentdHeader: readonly string[] = ['Timestamp', ...agentdColumns.map(([column]) => column)];
/** Each column's key in the state file, aligned with the header (undefined for `Timestamp`). */
export const qaAgentdKeys: ReadonlyArray<string | undefined> = [undefined, ...agentdColumns.map(([, key]) => key)];

/**
 * One row of `wazuh-wazuh-agentd_stats.csv`. Wazuh QA's `agent` target writes this header and
 * never a row (its row branch tests a target name nothing sets); this writes the row that header
 * describes, from the keys of `var/run/wazuh-agentd.state` (src/client-agent/state.c), which is
 * what that branch would write and what its plotter's agent columns expect.
 */
export function qaAgentdRow(stats: DaemonStats, roundTime: number): StatsCell[] {
	return [qaTimestamp(roundTime), ...agentdColumns.map(([, key]) => stateCell(stats, key))];
}

export const qaLogcollectorHeader: readonly string[] = ['Timestamp', 'Location', 'Events', 'Bytes', 'Target', 'Target Drops'];

export type LogcollectorRow = {
	/** The file name's stem (see logcollectorStem); rows of locations with one stem share a file. */
	readonly stem: string;
	readonly cells: StatsCell[];
};

/**
 * Wazuh QA writes one CSV per location of logcollector's `global` block: the location's base name
 * with `.` as `_` when it is a file, else its first word. It asks the disk whether the location is a
 * file; this asks its shape instead (an absolute path), so a rotated-away file keeps its name and
 * nothing is looked up on behalf of the daemon. Whatever is left is made one safe name.
 */
function logcollectorStem(location: string): string {
	if (location.startsWith('/') || /^[A-Za-z]:\\/.test(location)) {
		const base = location.split(/[/\\]/).pop() ?? '';
		return sanitizeStem(base.replaceAll('.', '_'));
	}

	return sanitizeStem(location.split(' ')[0] ?? '');
}

/**
 * The rows of one logcollector state (`var/run/wazuh-logcollector.state`, JSON; src/logcollector/state.c):
 * one per location and target of its cumulative `global` block, as statistic.py writes them. Its
 * arrays are read from the raw figures by index: `global.files.0.location`,
 * `global.files.0.targets.1.drops`. The `interval` block is left out, as statistic.py does.
 */
export function qaLogcollectorRows(stats: DaemonStats, roundTime: number): LogcollectorRow[] {
	const timestamp = qaTimestamp(roundTime);
	const rows: LogcollectorRow[] = [];
	for (let file = 0; stats.raw[`global.files.${file}.location`] !== undefined; file++) {
		const prefix = `global.files.${file}`;
		const location = String(stats.raw[`${prefix}.location`]);
		for (let target = 0; stats.raw[`${prefix}.targets.${target}.name`] !== undefined; target++) {
			rows.push({
				stem: logcollectorStem(location),
				cells: [
					timestamp,
					location,
					stateCell(stats, `${prefix}.events`),
					stateCell(stats, `${prefix}.bytes`),
					stateCell(stats, `${prefix}.targets.${target}.name`),
					stateCell(stats, `${prefix}.targets.${target}.drops`),
				],
			});
		}
	}

	return rows;
}
