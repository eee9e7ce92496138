import type {DaemonStats} from '../model/daemon-stats.js';
import type {RecordedStats} from '../reader/recording.js';
import {effectiveSampleSize, maximum, mean, percentile, variance} from '../math/statistics.js';
import {welchTest} from '../math/welch.js';
import type {Series} from './daemon-series.js';
import type {Thresholds} from './thresholds.js';

/*
 * What a report says of the daemons' own statistics (docs/report.md, "Daemon statistics"): each
 * daemon's main rate over its own times, its drops, its fullest queue, and the CPU it spent per
 * 1,000 of its events; against a baseline with compare.ts's rule.
 */

/** Each kind's main counter: what "events" means for it. */
const mainCounter = {analysisd: 'eventsReceived', remoted: 'messagesReceived', 'wazuh-db': 'queries', agentd: 'agentMessagesSent', logcollector: 'logEvents'} as const;
/** Each kind's drop counter, when it has one. */
const dropCounter = {analysisd: 'eventsDropped', remoted: 'messagesDiscarded', logcollector: 'logDrops'} as const;

export type DaemonStatsReport = {
	readonly daemon: string;
	readonly kind: DaemonStats['kind'];
	/** The `StatsValues` counter the rate is of (`eventsReceived`, `messagesReceived`, `queries`). */
	readonly counter: string;
	readonly rows: number;
	readonly start: number | null;
	readonly end: number | null;
	/** Per second, from consecutive rows over the daemon's times; a step across a restart has none. */
	readonly rate: {readonly mean: number | null; readonly p95: number | null; readonly max: number | null; readonly steps: number};
	readonly drops: {readonly total: number; readonly perSecond: number | null} | null;
	/** The queue with the highest fill seen, in % of its size. */
	readonly fullestQueue: {readonly name: string; readonly maxPercent: number} | null;
	/** Mean CPU % of the daemon (children summed) over the same span / 100 / mean events per second × 1000. */
	readonly cpuSecondsPer1000: number | null;
	readonly restarts: number;
};

/** Per-step values kept for the comparison (not in the JSON). */
export type AnalysedStats = {readonly report: DaemonStatsReport; readonly rates: readonly number[]; readonly dropRates: readonly number[]};

const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** One daemon's statistics; `cpu` is its summed process series, when the recording has it. */
export function analyseStats(entry: RecordedStats, cpu: Series | undefined): AnalysedStats {
	const counter = mainCounter[entry.kind];
	const drop = (dropCounter as Partial<Record<string, string>>)[entry.kind] as keyof DaemonStats['values'] | undefined;
	const rows = entry.rows.filter(row => row.up && row.time !== undefined);
	const rates: number[] = [];
	const dropRates: number[] = [];
	let dropTotal = 0;
	let dropSeconds = 0;
	let restarts = 0;
	let fullest: {name: string; usage: number} | undefined;
	for (const [index, row] of rows.entries()) {
		for (const [name, usage] of Object.entries(row.queues)) {
			if (fullest === undefined || usage > fullest.usage) {
				fullest = {name, usage};
			}
		}

		const before = rows[index - 1];
		if (before === undefined) {
			continue;
		}

		const seconds = (row.time! - before.time!) / 1000;
		const now = row.values[counter];
		const then = before.values[counter];
		const restarted = row.started !== before.started || (now !== undefined && then !== undefined && now < then);
		if (restarted) {
			restarts++;
			continue;
		}

		if (seconds <= 0) {
			continue;
		}

		if (now !== undefined && then !== undefined) {
			rates.push((now - then) / seconds);
		}

		const dropsNow = drop === undefined ? undefined : row.values[drop];
		const dropsThen = drop === undefined ? undefined : before.values[drop];
		if (dropsNow !== undefined && dropsThen !== undefined && dropsNow >= dropsThen) {
			dropTotal += dropsNow - dropsThen;
			dropSeconds += seconds;
			dropRates.push((dropsNow - dropsThen) / seconds);
		}
	}

	const start = rows[0]?.time ?? null;
	const end = rows.at(-1)?.time ?? null;
	const meanRate = rates.length > 0 ? mean(rates) : Number.NaN;
	return {
		report: {
			daemon: entry.daemon,
			kind: entry.kind,
			counter,
			rows: rows.length,
			start,
			end,
			rate: {mean: orNull(meanRate), p95: rates.length > 0 ? orNull(percentile(rates, 95)) : null, max: rates.length > 0 ? orNull(maximum(rates)) : null, steps: rates.length},
			drops: dropRates.length > 0 ? {total: dropTotal, perSecond: orNull(dropTotal / dropSeconds)} : null,
			fullestQueue: fullest === undefined ? null : {name: fullest.name, maxPercent: fullest.usage * 100},
			cpuSecondsPer1000: start === null || end === null || cpu === undefined ? null : orNull(((meanCpu(cpu, start, end) / 100) / meanRate) * 1000),
			restarts,
		},
		rates,
		dropRates,
	};
}

/** Mean CPU % of the series' ticks from `start` to `end` (NaN when none). */
function meanCpu(series: Series, start: number, end: number): number {
	let total = 0;
	let count = 0;
	for (let index = 0; index < series.times.length; index++) {
		const time = series.times[index]!;
		const value = series.values.cpuPercent[index]!;
		if (time >= start && time <= end && !Number.isNaN(value)) {
			total += value;
			count++;
		}
	}

	return count === 0 ? Number.NaN : total / count;
}

type StatsComparedStatistic = 'rate.mean' | 'drops.perSecond' | 'cpuSecondsPer1000';

export type StatsComparison = {
	readonly statistic: StatsComparedStatistic;
	readonly baseline: number | null;
	readonly current: number | null;
	readonly deltaPercent: number | null;
	/** Welch's test on the per-step values (the rate and drops); null for CPU per 1,000 events, a ratio of two means. */
	readonly p: number | null;
	/** The rate: `higher`/`lower` (a different load, not better or worse); drops and CPU per 1,000 events: regression when up. */
	readonly verdict: 'regression' | 'improvement' | 'higher' | 'lower' | 'no significant change' | 'not tested';
};

export type DaemonStatsComparison = {readonly daemon: string; readonly comparisons: readonly StatsComparison[]};

export function statsRule(thresholds: Thresholds): string {
	return `events/s and drops/s: Welch's t-test on the per-step values, p < ${thresholds.alpha} and a change of at least ${thresholds.minChangePercent} % of the baseline `
		+ '(events/s is then higher or lower: a different load; more drops/s is a regression); CPU seconds per 1,000 events: the ratio of the two means, '
		+ `a regression (or an improvement) when it moved by at least ${thresholds.minChangePercent} %.`;
}

function welchRow(statistic: StatsComparedStatistic, before: readonly number[], after: readonly number[], thresholds: Thresholds, up: 'regression' | 'higher'): StatsComparison {
	if (before.length < 2 || after.length < 2) {
		return {statistic, baseline: before.length > 0 ? mean(before) : null, current: after.length > 0 ? mean(after) : null, deltaPercent: null, p: null, verdict: 'not tested'};
	}

	const a = {mean: mean(before), variance: variance(before), n: effectiveSampleSize(before)};
	const b = {mean: mean(after), variance: variance(after), n: effectiveSampleSize(after)};
	const test = welchTest(a, b);
	const deltaPercent = a.mean === 0 ? (b.mean === 0 ? 0 : null) : ((b.mean - a.mean) * 100) / a.mean;
	const moved = deltaPercent === null || Math.abs(deltaPercent) >= thresholds.minChangePercent;
	let verdict: StatsComparison['verdict'] = 'no significant change';
	if (test.p < thresholds.alpha && moved && b.mean !== a.mean) {
		verdict = b.mean > a.mean ? up : (up === 'regression' ? 'improvement' : 'lower');
	}

	return {statistic, baseline: orNull(a.mean), current: orNull(b.mean), deltaPercent: deltaPercent === null ? null : orNull(deltaPercent), p: orNull(test.p), verdict};
}

/** Baseline against current for one daemon with statistics in both. */
export function compareStats(baseline: AnalysedStats, current: AnalysedStats, thresholds: Thresholds): DaemonStatsComparison {
	const before = baseline.report.cpuSecondsPer1000;
	const after = current.report.cpuSecondsPer1000;
	let cpu: StatsComparison = {statistic: 'cpuSecondsPer1000', baseline: before, current: after, deltaPercent: null, p: null, verdict: 'not tested'};
	if (before !== null && after !== null && before > 0) {
		const deltaPercent = ((after / before) - 1) * 100;
		const verdict = Math.abs(deltaPercent) >= thresholds.minChangePercent ? (deltaPercent > 0 ? 'regression' : 'improvement') : 'no significant change';
		cpu = {...cpu, deltaPercent, verdict};
	}

	return {
		daemon: current.report.daemon,
		comparisons: [
			welchRow('rate.mean', baseline.rates, current.rates, thresholds, 'higher'),
			welchRow('drops.perSecond', baseline.dropRates, current.dropRates, thresholds, 'regression'),
			cpu,
		],
	};
}
