/*
 * The 5.x engine's `POST /metrics/dump` answer as it sends it: one line, `Dump_Response` of Wazuh's
 * src/engine/source/proto/src/metrics.proto with the metric names of fastmetrics'
 * metric_names.hpp, in no particular order (the engine keeps them in an unordered map).
 */

export type EngineFigures = {
	/** Epoch milliseconds: the engine's start and the dump's time (sent as ISO 8601 with ms). */
	readonly uptimeMs: number;
	readonly timestampMs: number;
	readonly received: number;
	readonly processed: number;
	readonly routerDropped: number;
	/** Absent: the indexer connector was not initialised, and none of its metrics exist. */
	readonly indexerDropped?: number;
	/** 0..100, as the engine reports it. */
	readonly routerPercent: number;
	readonly indexerPercent?: number;
	/** Metrics reported as disabled (value 0 then, as the engine does). */
	readonly disabled?: readonly string[];
};

const iso = (ms: number): string => new Date(ms).toISOString();

export function engineDump(figures: EngineFigures): object {
	const metric = (name: string, type: 'counter' | 'pull', value: number) => {
		const enabled = !(figures.disabled ?? []).includes(name);
		return {name, type, enabled, value: enabled ? value : 0};
	};

	const indexer = figures.indexerDropped === undefined ? [] : [
		metric('indexer.queue.size', 'pull', 524_288),
		metric('indexer.events.dropped', 'pull', figures.indexerDropped),
		metric('indexer.queue.usage.percent', 'pull', figures.indexerPercent ?? 0),
	];
	return {
		status: 'OK',
		name: 'wazuh-manager-analysisd',
		uptime: iso(figures.uptimeMs),
		timestamp: iso(figures.timestampMs),
		global: [
			metric('router.events.processed', 'counter', figures.processed),
			metric('server.bytes.received', 'counter', figures.received * 300),
			metric('router.queue.size', 'pull', 120),
			metric('router.queue.usage.percent', 'pull', figures.routerPercent),
			metric('router.queue.bytes.used', 'pull', 98_304),
			metric('router.queue.bytes.usage.percent', 'pull', 0.073_242_187_5),
			metric('router.events.dropped', 'counter', figures.routerDropped),
			metric('router.eps.1m', 'pull', 285.4),
			metric('router.eps.5m', 'pull', 280.9),
			metric('router.eps.30m', 'pull', 276.1),
			metric('server.events.received', 'counter', figures.received),
			...indexer,
			metric('agent.cache.entries', 'pull', 100),
			metric('agent.cache.hits', 'counter', 1_025_001),
			metric('agent.cache.insertions', 'counter', 100),
			metric('agent.cache.updates', 'counter', 12),
			metric('agent.cache.evictions', 'counter', 0),
		],
		spaces: [{
			name: 'standard',
			metrics: [
				metric('events.unclassified', 'counter', 37),
				metric('events.discarded', 'counter', 0),
				metric('events.discarded.prefilter', 'counter', 0),
				metric('events.discarded.postfilter', 'counter', 0),
			],
		}],
	};
}
