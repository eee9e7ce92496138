import type {DaemonStats} from './daemon-stats.js';
import {allStatsMetrics, type StatsMetric, statsMetrics} from './stats-metrics.js';

/**
 * What a daemon's statistics say now: each counter as a rate per second, each gauge as it is, and
 * its fullest queue. Rates come from the deltas between two readings over the daemon's own
 * timestamps (a round of this tool's may read a state file the daemon wrote seconds earlier).
 */
export type DaemonLoad = {
	readonly daemon: string;
	readonly kind: DaemonStats['kind'];
	readonly up: boolean;
	readonly problem: string | undefined;
	/** Nothing published yet (see DaemonStats). */
	readonly waiting: boolean;
	/** Per second for counters, the value for gauges; absent when unknown (the first reading, a restart). */
	readonly values: Partial<Record<StatsMetric, number>>;
	readonly queues: Readonly<Record<string, number>>;
	/** The fullest queue, with its fill 0..1. */
	readonly fullest: {readonly name: string; readonly usage: number} | undefined;
	/** Milliseconds per wazuh-db query over the last interval. */
	readonly msPerQuery: number | undefined;
};

type Reading = {readonly time: number; readonly started: number | undefined; readonly values: DaemonStats['values']};

/**
 * Follows each daemon's readings and turns them into loads. A counter that went down, or a new
 * start time, is a restart: the reading is the new baseline and its rates are unknown for that
 * round, never negative. A reading with no newer daemon time than the last one changes nothing.
 */
export class StatsRates {
	private readonly last = new Map<string, Reading>();
	private readonly loads = new Map<string, DaemonLoad>();

	/** Takes one reading of one daemon; returns its load. */
	add(stats: DaemonStats): DaemonLoad {
		const previous = this.last.get(stats.daemon);
		if (!stats.up || stats.time === undefined) {
			const load: DaemonLoad = {daemon: stats.daemon, kind: stats.kind, up: false, problem: stats.problem, waiting: stats.waiting === true, values: {}, queues: {}, fullest: undefined, msPerQuery: undefined};
			this.loads.set(stats.daemon, load);
			return load;
		}

		if (previous !== undefined && stats.time <= previous.time && stats.started === previous.started) {
			// The same figures again (a state file not rewritten yet): the load stands.
			const standing = this.loads.get(stats.daemon);
			if (standing?.up) {
				return standing;
			}
		}

		const restarted = previous !== undefined && (stats.started !== previous.started || allStatsMetrics.some(metric => {
			const before = previous.values[metric];
			const now = stats.values[metric];
			return statsMetrics[metric].type === 'counter' && before !== undefined && now !== undefined && now < before;
		}));
		const seconds = previous === undefined ? 0 : (stats.time - previous.time) / 1000;
		const values: Partial<Record<StatsMetric, number>> = {};
		for (const metric of allStatsMetrics) {
			const now = stats.values[metric];
			if (now === undefined) {
				continue;
			}

			if (statsMetrics[metric].type === 'gauge') {
				values[metric] = now;
				continue;
			}

			const before = previous?.values[metric];
			if (!restarted && before !== undefined && seconds > 0) {
				values[metric] = (now - before) / seconds;
			}
		}

		const queries = values.queries;
		const querySeconds = values.querySeconds;
		let fullest: DaemonLoad['fullest'];
		for (const [name, usage] of Object.entries(stats.queues)) {
			if (fullest === undefined || usage > fullest.usage) {
				fullest = {name, usage};
			}
		}

		const load: DaemonLoad = {
			daemon: stats.daemon,
			kind: stats.kind,
			up: true,
			problem: undefined,
			waiting: false,
			values,
			queues: stats.queues,
			fullest,
			msPerQuery: queries !== undefined && querySeconds !== undefined && queries > 0 ? (querySeconds * 1000) / queries : undefined,
		};
		this.last.set(stats.daemon, {time: stats.time, started: stats.started, values: stats.values});
		this.loads.set(stats.daemon, load);
		return load;
	}

	/** The latest load of each daemon seen. */
	current(): ReadonlyMap<string, DaemonLoad> {
		return this.loads;
	}
}
