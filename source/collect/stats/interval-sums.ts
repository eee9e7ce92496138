import type {StatsValues} from '../../model/daemon-stats.js';
import type {ParsedStats} from './parsed-stats.js';

/** The counters of a 4.0–4.3 analysisd state file, which counts per interval. */
const counters = ['eventsReceived', 'eventsProcessed', 'eventsDropped'] as const satisfies ReadonlyArray<keyof StatsValues>;

/**
 * Makes the per-interval counts of a 4.0–4.3 analysisd state file (reset by the daemon after every
 * write) cumulative, as DaemonStats promises: each new version of the file (a new modification
 * time) adds its counts to running totals, which start at the first file's. A write missed between
 * two reads (the daemon's `analysisd.state_interval` shorter than ours) is missing from the totals;
 * `raw` keeps the file's own figures.
 */
export class IntervalSums {
	private lastTime: number | undefined;
	private readonly totals = new Map<string, number>();

	add(parsed: ParsedStats): ParsedStats {
		if (parsed.time !== this.lastTime) {
			this.lastTime = parsed.time;
			for (const counter of counters) {
				const value = parsed.values[counter];
				if (value !== undefined) {
					this.totals.set(counter, (this.totals.get(counter) ?? 0) + value);
				}
			}
		}

		const values: Record<string, number> = {...parsed.values};
		for (const counter of counters) {
			const total = this.totals.get(counter);
			if (total !== undefined && values[counter] !== undefined) {
				values[counter] = total;
			}
		}

		return Object.freeze({...parsed, values: Object.freeze(values)});
	}
}
