import type {DaemonStats} from '../model/daemon-stats.js';
import {monitorElapsed, monitorFloat, monitorInt, monitorTimestamp, rawNumber, type StatsCell} from './stats-values.js';

/*
 * Wazuh 5's monitor.py (src/engine/tools/devContainer/scripts/monitor.py): `stats-api-analysisd.csv`
 * from the engine's `POST /metrics/dump`. Its rules, shared with the getstats files
 * (stats-monitor5-getstats.ts): `timestamp` UTC to the second with a `Z`, taken when the round
 * starts; `elapsed_s` seconds since monitoring started, to a tenth; `query_ok` 1 and an empty
 * `query_error`, or, when the query failed, 0 with the error's text and every other cell empty;
 * figures copied as reported (counters stay cumulative), a metric the reply lacks written 0 (its
 * `_as_int`/`_as_float`); the whole reply last, as compact ASCII JSON. Python's csv module writes
 * CRLF line endings (the recorder opens these files so).
 */

export type MonitorContext = {
	/** The round's start, ms since the epoch. */
	readonly roundTime: number;
	/** ms since the recorder's first round: each run starts at 0, as monitor.py's loops do. */
	readonly elapsedMs: number;
};

export const monitorLeadingHeader = ['timestamp', 'elapsed_s', 'query_ok', 'query_error'] as const;

/** `timestamp, elapsed_s, query_ok, query_error`, then `rest` (success), or then empty cells up to `width` (failure). */
export function monitorRow(stats: DaemonStats, context: MonitorContext, width: number, rest: () => StatsCell[]): StatsCell[] {
	const leading = [monitorTimestamp(context.roundTime), monitorElapsed(context.elapsedMs)];
	if (!stats.up) {
		const cells: StatsCell[] = [...leading, '0', stats.problem ?? 'query failed'];
		return [...cells, ...Array.from({length: width - cells.length}, () => '')];
	}

	return [...leading, '1', '', ...rest()];
}

/** `json.dumps(..., separators=(",", ":"), ensure_ascii=True)`: compact, every non-ASCII code unit escaped. */
export function pythonJson(value: unknown): string {
	return JSON.stringify(value).replace(/[\u007F-\uFFFF]/g, character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The engine's metrics in `global[]`, in monitor.py's column order: column, metric name, int or float. */
const globalColumns: ReadonlyArray<readonly [column: string, metric: string, kind: 'int' | 'float']> = [
	['server_events_received', 'server.events.received', 'int'],
	['router_queue_size', 'router.queue.size', 'int'],
	['router_queue_usage_percent', 'router.queue.usage.percent', 'float'],
	['router_queue_bytes_used', 'router.queue.bytes.used', 'int'],
	['router_queue_bytes_usage_percent', 'router.queue.bytes.usage.percent', 'float'],
	['router_events_processed', 'router.events.processed', 'int'],
	['router_events_dropped', 'router.events.dropped', 'int'],
	['indexer_queue_size', 'indexer.queue.size', 'int'],
	['indexer_queue_usage_percent', 'indexer.queue.usage.percent', 'float'],
	['indexer_events_dropped', 'indexer.events.dropped', 'int'],
	['router_eps_1m', 'router.eps.1m', 'float'],
	['agent_cache_entries', 'agent.cache.entries', 'int'],
	['agent_cache_hits', 'agent.cache.hits', 'int'],
	['agent_cache_insertions', 'agent.cache.insertions', 'int'],
	['agent_cache_updates', 'agent.cache.updates', 'int'],
	['agent_cache_evictions', 'agent.cache.evictions', 'int'],
];

/** The metric of the `standard` space monitor.py records, by its full name in the engine (`space.<space>.<metric>`). */
const unclassified = 'space.standard.events.unclassified';

export const monitorAnalysisdHeader: readonly string[] = [
	...monitorLeadingHeader,
	...globalColumns.map(([column]) => column),
	'spaces_standard_events_unclassified',
	'raw_response_json',
];

/** The dump's own fields besides its metrics, kept by the collector as read (`uptime` and `timestamp` as ISO text). */
const envelope = ['status', 'name', 'uptime', 'timestamp'] as const;

/**
 * The dump as the engine sent it, as far as the raw figures keep it: its envelope, metric names
 * and values (`type` and `enabled` are not carried), space metrics (`space.<space>.<metric>`)
 * under `spaces`.
 */
function engineDump(stats: DaemonStats): unknown {
	const global: Array<{name: string; value: number | string}> = [];
	const spaces = new Map<string, Array<{name: string; value: number | string}>>();
	for (const [name, value] of Object.entries(stats.raw)) {
		const space = /^space\.([^.]+)\.(.+)$/.exec(name);
		if (space) {
			const metrics = spaces.get(space[1]!) ?? [];
			metrics.push({name: space[2]!, value});
			spaces.set(space[1]!, metrics);
		} else if (!(envelope as readonly string[]).includes(name)) {
			global.push({name, value});
		}
	}

	const text = (key: typeof envelope[number], otherwise: string | undefined): string | undefined => {
		const value = stats.raw[key];
		return typeof value === 'string' ? value : otherwise;
	};

	return {
		status: text('status', 'OK'),
		name: text('name', stats.daemon),
		uptime: text('uptime', stats.started === undefined ? undefined : new Date(stats.started).toISOString()),
		timestamp: text('timestamp', stats.time === undefined ? undefined : new Date(stats.time).toISOString()),
		global,
		spaces: [...spaces].map(([name, metrics]) => ({name, metrics})),
	};
}

/** One row of `stats-api-analysisd.csv` from a 5.x engine dump. */
export function monitorAnalysisdRow(stats: DaemonStats, context: MonitorContext): StatsCell[] {
	return monitorRow(stats, context, monitorAnalysisdHeader.length, () => [
		...globalColumns.map(([, metric, kind]) => (kind === 'int' ? monitorInt : monitorFloat)(rawNumber(stats, metric))),
		// The one cell monitor.py leaves empty, not 0, when the reply lacks it.
		stats.raw[unclassified] === undefined ? '' : monitorInt(rawNumber(stats, unclassified)),
		pythonJson(engineDump(stats)),
	]);
}
