import type {DaemonStats, StatsKind, StatsSource} from '../model/daemon-stats.js';
import {parseEngineDump} from '../collect/stats/engine.js';
import {parseGetstatsReply} from '../collect/stats/getstats.js';
import type {ParsedStats} from '../collect/stats/parsed-stats.js';
import {parseAgentdState, parseAnalysisdState, parseRemotedState} from '../collect/stats/state-files.js';
import {monitorLeadingHeader} from '../recorder/stats-monitor5.js';
import {qaAnalysisApiHeader, qaAnalysisApiPaths} from '../recorder/stats-qa-analysis.js';
import {qaRemoteApiHeader, qaRemoteApiPaths, qaRemoteStateHeader, qaRemoteStateKeys} from '../recorder/stats-qa-remote.js';
import {qaAgentdHeader, qaAgentdKeys, qaAnalysisStateHeader, qaAnalysisStateKeys} from '../recorder/stats-qa-state.js';
import {qaWazuhdbApiHeader, qaWazuhdbApiPaths} from '../recorder/stats-qa-wazuhdb.js';

/*
 * The statistics CSVs a recording may hold, told by their file name, their columns mapped with the
 * recorder's own header definitions (source/recorder/stats-qa-*.ts, stats-monitor5*.ts), so writer
 * and reader cannot drift. Each row is turned back into what the collector parsed (the reply or
 * state file rebuilt from the cells, then the collector's own parser), so the figures read back are
 * the ones the live view computed.
 */

type Shape = 'qa-api' | 'qa-state' | 'monitor';

export type StatsFileFormat = {
	readonly shape: Shape;
	readonly kind: StatsKind;
	readonly source: StatsSource;
	/** The daemon's process name, as the process files of the same installation name it. */
	readonly daemon: string;
	/** The recorder's header, and the reply path or state key of each of its columns. */
	readonly header: readonly string[];
	readonly paths: ReadonlyArray<string | undefined>;
};

const formats: Readonly<Record<string, StatsFileFormat>> = {
	'wazuh-analysis_api_stats': {shape: 'qa-api', kind: 'analysisd', source: 'getstats', daemon: 'wazuh-analysisd', header: qaAnalysisApiHeader, paths: qaAnalysisApiPaths},
	'wazuh-remote_api_stats': {shape: 'qa-api', kind: 'remoted', source: 'getstats', daemon: 'wazuh-remoted', header: qaRemoteApiHeader, paths: qaRemoteApiPaths},
	'wazuh-wazuhdb_api_stats': {shape: 'qa-api', kind: 'wazuh-db', source: 'getstats', daemon: 'wazuh-db', header: qaWazuhdbApiHeader, paths: qaWazuhdbApiPaths},
	'wazuh-wazuh-analysisd_stats': {shape: 'qa-state', kind: 'analysisd', source: 'state-file', daemon: 'wazuh-analysisd', header: qaAnalysisStateHeader, paths: qaAnalysisStateKeys},
	'wazuh-wazuh-remoted_stats': {shape: 'qa-state', kind: 'remoted', source: 'state-file', daemon: 'wazuh-remoted', header: qaRemoteStateHeader, paths: qaRemoteStateKeys},
	'wazuh-wazuh-agentd_stats': {shape: 'qa-state', kind: 'agentd', source: 'state-file', daemon: 'wazuh-agentd', header: qaAgentdHeader, paths: qaAgentdKeys},
	// monitor.py's files: their figures are read from the reply kept whole in `raw_response_json`.
	'stats-api-analysisd': {shape: 'monitor', kind: 'analysisd', source: 'engine', daemon: 'wazuh-manager-analysisd', header: monitorLeadingHeader, paths: []},
	'stats-api-remoted': {shape: 'monitor', kind: 'remoted', source: 'getstats', daemon: 'wazuh-manager-remoted', header: monitorLeadingHeader, paths: []},
	'stats-api-wazuhdb': {shape: 'monitor', kind: 'wazuh-db', source: 'getstats', daemon: 'wazuh-manager-db', header: monitorLeadingHeader, paths: []},
};

/** The format of a statistics file by its name (the recorder's `<stem>_2.csv` too); undefined for any other file. */
export function statsFileFormat(fileName: string): StatsFileFormat | undefined {
	const stem = fileName.replace(/\.csv$/, '').replace(/_\d+$/, '');
	return Object.hasOwn(formats, stem) ? formats[stem] : undefined;
}

/** Which cell holds what: by position when the header is the recorder's, else by name (its first column of that name). */
export type ColumnPlan = {readonly paths: ReadonlyArray<string | undefined>; readonly index: (name: string) => number};

/** The plan of a file's header; a one-line problem when it lacks the columns its rows need. */
export function columnPlan(format: StatsFileFormat, header: readonly string[]): ColumnPlan | string {
	const index = (name: string): number => header.indexOf(name);
	const needed = format.shape === 'qa-api' ? ['API Timestamp'] : (format.shape === 'qa-state' ? ['Timestamp'] : [...monitorLeadingHeader, 'raw_response_json']);
	const absent = needed.filter(name => index(name) < 0);
	if (absent.length > 0) {
		return `no column ${absent.join(', ')}`;
	}

	const same = header.length === format.header.length && header.every((name, position) => name === format.header[position]);
	if (same) {
		return {paths: format.paths, index};
	}

	const byName = new Map<string, string | undefined>();
	for (const [position, name] of format.header.entries()) {
		if (!byName.has(name)) {
			byName.set(name, format.paths[position]);
		}
	}

	return {paths: header.map(name => byName.get(name)), index};
}

/** `2025-08-07 10:00:03`, local time (Wazuh QA's `Timestamp`); undefined when not so. */
function localTime(text: string | undefined): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text ?? '');
	if (!match) {
		return undefined;
	}

	const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
	return new Date(year, month - 1, day, hour, minute, second).getTime();
}

/** An ISO time with its zone (`2025-08-07T08:00:00+00:00`, `2026-08-14T11:00:03Z`); undefined when not so. */
function isoTime(text: string | undefined): number | undefined {
	if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) {
		return undefined;
	}

	const time = Date.parse(text);
	return Number.isFinite(time) ? time : undefined;
}

/** The object the dotted paths of the non-empty cells make (`metrics.events.received` → {metrics: {events: {received}}}). */
function rebuild(cells: readonly string[], paths: ReadonlyArray<string | undefined>): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [position, path] of paths.entries()) {
		const cell = cells[position];
		const value = cell === undefined || cell === '' ? Number.NaN : Number(cell);
		if (path === undefined || !Number.isFinite(value)) {
			continue;
		}

		const keys = path.split('.');
		let node = root;
		for (const key of keys.slice(0, -1)) {
			const child = node[key];
			node = typeof child === 'object' && child !== null ? child as Record<string, unknown> : (node[key] = {});
		}

		node[keys.at(-1)!] = value;
	}

	return root;
}

const stateParsers = {analysisd: parseAnalysisdState, remoted: parseRemotedState, agentd: parseAgentdState} as const;

/** A row turned back into the collector's figures: parsed, or down with the problem monitor.py wrote (`query_ok` 0). Throws on a row that cannot be read. */
export function parseStatsRow(format: StatsFileFormat, plan: ColumnPlan, cells: readonly string[]): ParsedStats | {readonly down: string; readonly time: number} {
	const cell = (name: string): string | undefined => cells[plan.index(name)];
	switch (format.shape) {
		case 'qa-api': {
			const time = isoTime(cell('API Timestamp'));
			if (time === undefined) {
				throw new Error('no readable API Timestamp');
			}

			const interval = Number(cell('Interval (Timestamp-Uptime)') ?? '');
			const seconds = Math.floor(time / 1000);
			const data: Record<string, unknown> = {metrics: {}, ...rebuild(cells, plan.paths), timestamp: seconds};
			if (cell('Interval (Timestamp-Uptime)') && Number.isFinite(interval)) {
				data.uptime = seconds - interval;
			}

			return parseGetstatsReply(format.kind as 'analysisd' | 'remoted' | 'wazuh-db', JSON.stringify({error: 0, message: 'ok', data}));
		}

		case 'qa-state': {
			const time = localTime(cell('Timestamp'));
			if (time === undefined) {
				throw new Error('no readable Timestamp');
			}

			const lines = plan.paths.flatMap((key, position) => (key === undefined || cells[position] === undefined || cells[position] === '' ? [] : [`${key}='${cells[position].replaceAll('\'', '')}'`]));
			return stateParsers[format.kind as keyof typeof stateParsers](lines.join('\n'), time);
		}

		case 'monitor': {
			const time = isoTime(cell('timestamp'));
			if (time === undefined) {
				throw new Error('no readable timestamp');
			}

			if (cell('query_ok') !== '1') {
				return {down: cell('query_error') || 'query failed', time};
			}

			const text = cell('raw_response_json') ?? '';
			const parsed = format.kind === 'analysisd' ? parseEngineDump(text) : parseGetstatsReply(format.kind as 'remoted' | 'wazuh-db', text);
			// The daemon's own time when its reply gives one, else the round's.
			return parsed.time === undefined ? {...parsed, time} : parsed;
		}
	}
}

/** The row as the collector would have handed it over; `raw` left empty (the report and replay need only the figures). */
export function rowStats(format: StatsFileFormat, file: string, parsed: ParsedStats | {readonly down: string; readonly time: number}): DaemonStats {
	const base = {daemon: format.daemon, kind: format.kind, source: format.source, path: file, raw: {}};
	if ('down' in parsed) {
		return {...base, up: false, problem: parsed.down, time: parsed.time, started: undefined, values: {}, queues: {}, format: ''};
	}

	return {...base, up: true, problem: undefined, time: parsed.time, started: parsed.started, values: parsed.values, queues: parsed.queues, format: parsed.format};
}
