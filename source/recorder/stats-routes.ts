import type {DaemonStats} from '../model/daemon-stats.js';
import type {LineEnding} from './csv-file.js';
import {monitorAnalysisdHeader, monitorAnalysisdRow, type MonitorContext} from './stats-monitor5.js';
import {monitorRemotedHeader, monitorRemotedRow, monitorWazuhdbHeader, monitorWazuhdbRow} from './stats-monitor5-getstats.js';
import {qaAnalysisApiHeader, qaAnalysisApiRow} from './stats-qa-analysis.js';
import {qaRemoteApiHeader, qaRemoteApiRow, qaRemoteStateHeader, qaRemoteStateRow} from './stats-qa-remote.js';
import {qaAgentdHeader, qaAgentdRow, qaAnalysisStateHeader, qaAnalysisStateRow, qaLogcollectorHeader, qaLogcollectorRows} from './stats-qa-state.js';
import {qaWazuhdbApiHeader, qaWazuhdbApiRow} from './stats-qa-wazuhdb.js';
import type {StatsCell} from './stats-values.js';

/**
 * Which file each daemon's figures go to, in which format. Pure: the recorder opens the files.
 *
 * - 4.x sockets (`getstats`): Wazuh QA's API files, `wazuh-<target>_api_stats.csv`.
 * - 4.x state files: Wazuh QA's state-file files, `wazuh-<state file's name>_stats.csv`.
 * - 5.x (the engine, and remoted and wazuh-db on 5.x): monitor.py's `stats-api-<daemon>.csv`, CRLF.
 * - Agents (agentd, logcollector; state files, the same on 5.x agents): Wazuh QA's state-file
 *   formats, logcollector one file per location.
 *
 * Wazuh QA's tools write nothing for a failed read, so neither does this: the gap in the
 * timestamps is the record of it. monitor.py writes a row with `query_ok` 0, and so does this.
 */
export type StatsFileRow = {
	/** The file's name without `.csv`. */
	readonly stem: string;
	readonly header: readonly string[];
	readonly lineEnding: LineEnding;
	readonly cells: StatsCell[];
};

/** Names Wazuh QA's file of a state file: `wazuh-` + the file's name without `.state` + `_stats`. */
const stateStems = {
	analysisd: 'wazuh-wazuh-analysisd_stats',
	remoted: 'wazuh-wazuh-remoted_stats',
	agentd: 'wazuh-wazuh-agentd_stats',
} as const;

/**
 * Whether the figures come from a 5.x manager: the reply's shape says so, or, when the query
 * failed and no reply told, the 5.x process names (`wazuh-manager-remoted`, `wazuh-manager-db`).
 */
function isWazuh5(stats: DaemonStats): boolean {
	return stats.source === 'engine' || stats.format.startsWith('5') || stats.daemon.startsWith('wazuh-manager-');
}

const qa = (stem: string, header: readonly string[], cells: StatsCell[]): StatsFileRow => ({stem, header, lineEnding: '\n', cells});
const monitor = (stem: string, header: readonly string[], cells: StatsCell[]): StatsFileRow => ({stem, header, lineEnding: '\r\n', cells});

function wazuh5Rows(stats: DaemonStats, context: MonitorContext): StatsFileRow[] {
	switch (stats.kind) {
		case 'analysisd': {
			return stats.source === 'engine' ? [monitor('stats-api-analysisd', monitorAnalysisdHeader, monitorAnalysisdRow(stats, context))] : [];
		}

		case 'remoted': {
			return [monitor('stats-api-remoted', monitorRemotedHeader, monitorRemotedRow(stats, context))];
		}

		case 'wazuh-db': {
			return [monitor('stats-api-wazuhdb', monitorWazuhdbHeader, monitorWazuhdbRow(stats, context))];
		}

		default: {
			return [];
		}
	}
}

function qaRows(stats: DaemonStats, roundTime: number): StatsFileRow[] {
	const fromSocket = stats.source === 'getstats';
	switch (stats.kind) {
		case 'analysisd': {
			return [fromSocket
				? qa('wazuh-analysis_api_stats', qaAnalysisApiHeader, qaAnalysisApiRow(stats, roundTime))
				: qa(stateStems.analysisd, qaAnalysisStateHeader, qaAnalysisStateRow(stats, roundTime))];
		}

		case 'remoted': {
			return [fromSocket
				? qa('wazuh-remote_api_stats', qaRemoteApiHeader, qaRemoteApiRow(stats, roundTime))
				: qa(stateStems.remoted, qaRemoteStateHeader, qaRemoteStateRow(stats, roundTime))];
		}

		case 'wazuh-db': {
			// wazuh-db has no state file; only its socket.
			return fromSocket ? [qa('wazuh-wazuhdb_api_stats', qaWazuhdbApiHeader, qaWazuhdbApiRow(stats, roundTime))] : [];
		}

		case 'agentd': {
			return [qa(stateStems.agentd, qaAgentdHeader, qaAgentdRow(stats, roundTime))];
		}

		case 'logcollector': {
			return qaLogcollectorRows(stats, roundTime).map(({stem, cells}) => qa(stem, qaLogcollectorHeader, cells));
		}
	}
}

/** The rows one daemon's figures make this round (none, one, or one per logcollector location and target). */
export function statsFileRows(stats: DaemonStats, context: MonitorContext): StatsFileRow[] {
	const agentSide = stats.kind === 'agentd' || stats.kind === 'logcollector';
	if (!agentSide && isWazuh5(stats)) {
		return wazuh5Rows(stats, context);
	}

	return stats.up ? qaRows(stats, context.roundTime) : [];
}
