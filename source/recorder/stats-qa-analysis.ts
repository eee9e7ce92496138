import type {DaemonStats} from '../model/daemon-stats.js';
import {apiCell, apiIsoTime, pythonFloat, qaTimestamp, rawNumber, type StatsCell} from './stats-values.js';

/*
 * Wazuh QA's API-mode CSV of wazuh-analysisd (`wazuh-analysis_api_stats.csv`, the header
 * `analysisd_events_header` of its tools/performance/statistic_headers.py, 64 columns), filled from
 * a 4.4+ `getstats` reply (Wazuh's src/analysisd/state.c) the way its statistic.py fills it from
 * the API's copy of that reply: every counter cumulative as reported, `EDPS from X` the decoded
 * count of X over the seconds since the daemon started.
 */

const decoded = 'metrics.events.received_breakdown.decoded_breakdown';
const dropped = 'metrics.events.received_breakdown.dropped_breakdown';

/** The 18 sources, in Wazuh QA's column order, with their key under `decoded_breakdown` / `dropped_breakdown`. */
const sources: ReadonlyArray<readonly [label: string, key: string]> = [
	['azure', 'modules_breakdown.azure'],
	['ciscat', 'modules_breakdown.ciscat'],
	['command', 'modules_breakdown.command'],
	['docker', 'modules_breakdown.docker'],
	['logcollector eventchannel', 'modules_breakdown.logcollector_breakdown.eventchannel'],
	['logcollector eventlog', 'modules_breakdown.logcollector_breakdown.eventlog'],
	['logcollector macos', 'modules_breakdown.logcollector_breakdown.macos'],
	['logcollector others', 'modules_breakdown.logcollector_breakdown.others'],
	['osquery', 'modules_breakdown.osquery'],
	['rootcheck', 'modules_breakdown.rootcheck'],
	['sca', 'modules_breakdown.sca'],
	['syscheck', 'modules_breakdown.syscheck'],
	['syscollector', 'modules_breakdown.syscollector'],
	['vulnerability', 'modules_breakdown.vulnerability'],
	['agentd', 'agent'],
	['dbsync', 'dbsync'],
	['monitor', 'monitor'],
	['remote', 'remote'],
];

const written = ['alerts', 'archives', 'firewall', 'fts', 'stats'] as const;

/** The first three columns of every Wazuh QA API-mode file. */
export const qaApiLeadingHeader = ['Timestamp', 'API Timestamp', 'Interval (Timestamp-Uptime)'] as const;

export const qaAnalysisApiHeader: readonly string[] = [
	...qaApiLeadingHeader,
	'Events processed',
	'Events received',
	...sources.map(([label]) => `Decoded from ${label}`),
	...sources.map(([label]) => `Dropped from ${label}`),
	...written.map(name => `Written ${name}`),
	...sources.map(([label]) => `EDPS from ${label}`),
];

/** Each column's path in the getstats reply, aligned with the header; undefined where the cell is derived (timestamps, EDPS). */
export const qaAnalysisApiPaths: ReadonlyArray<string | undefined> = [
	...qaApiLeadingHeader.map(() => undefined),
	'metrics.events.processed',
	'metrics.events.received',
	...sources.map(([, key]) => `${decoded}.${key}`),
	...sources.map(([, key]) => `${dropped}.${key}`),
	...written.map(name => `metrics.events.written_breakdown.${name}`),
	...sources.map(() => undefined),
];

/**
 * statistic.py's `Interval (Timestamp-Uptime)`: the reply's `timestamp` minus its `uptime` (the
 * epoch the daemon started), both read back from the API's ISO text, so whole seconds. Seconds
 * since start, not the polling interval. Undefined when either is unknown.
 */
function qaInterval(stats: DaemonStats): number | undefined {
	if (stats.time === undefined || stats.started === undefined) {
		return undefined;
	}

	return Math.floor(stats.time / 1000) - Math.floor(stats.started / 1000);
}

/** `Timestamp`, `API Timestamp`, `Interval (Timestamp-Uptime)`, as statistic.py writes them. */
export function qaApiLeadingCells(stats: DaemonStats, roundTime: number): StatsCell[] {
	const interval = qaInterval(stats);
	return [
		qaTimestamp(roundTime),
		stats.time === undefined ? '' : apiIsoTime(stats.time),
		interval === undefined ? '' : pythonFloat(interval),
	];
}

/**
 * One row of `wazuh-analysis_api_stats.csv`. Where statistic.py stops with a KeyError or a
 * ZeroDivisionError (a key the version lacks; a reply in the daemon's first second), the cell is
 * empty instead: pandas reads it as a missing value and the other columns still plot.
 */
export function qaAnalysisApiRow(stats: DaemonStats, roundTime: number): StatsCell[] {
	const interval = qaInterval(stats);
	const edps = (key: string): StatsCell => {
		const count = rawNumber(stats, `${decoded}.${key}`);
		return count === undefined || interval === undefined || interval <= 0 ? '' : pythonFloat(count / interval);
	};

	return [
		...qaApiLeadingCells(stats, roundTime),
		apiCell(stats, 'metrics.events.processed'),
		apiCell(stats, 'metrics.events.received'),
		...sources.map(([, key]) => apiCell(stats, `${decoded}.${key}`)),
		...sources.map(([, key]) => apiCell(stats, `${dropped}.${key}`)),
		...written.map(name => apiCell(stats, `metrics.events.written_breakdown.${name}`)),
		...sources.map(([, key]) => edps(key)),
	];
}
