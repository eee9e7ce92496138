import {processMetrics, reportMetrics} from '../model/process-metrics.js';
import {definedValues, type Series} from './daemon-series.js';
import type {ChangeVerdict, ComparedStatistic, Comparison, DaemonComparison} from './report-model.js';
import {effectiveSampleSize, maximum, mean, percentile, variance} from '../math/statistics.js';
import type {Thresholds} from './thresholds.js';
import {welchTest} from '../math/welch.js';

/** A daemon's per-tick series and the index its warm-up ends at. */
export type AnalysedSeries = {readonly series: Series; readonly from: number};

/** The report's metrics, each with its JSON key and the threshold its kind takes (CPU points, MiB, a count). */
const compared = reportMetrics.map(metric => {
	const {kind, report} = processMetrics[metric];
	return {metric, key: report.key, kind: kind === 'percent' ? 'cpu' as const : (kind === 'bytes' ? 'memory' as const : 'count' as const)};
});

/** The means the comparison tests, in its order: every one a daemon can regress on. */
export const testedMeans: readonly ComparedStatistic[] = compared.map(({key}) => `${key}.mean` as ComparedStatistic);

const mebibyte = 1024 * 1024;

export function significanceRule(thresholds: Thresholds): string {
	return `a mean is a regression (or an improvement) when Welch's t-test on the per-tick values after the warm-up gives p < ${thresholds.alpha} `
		+ `and it moved by at least ${thresholds.minChangePercent} % of the baseline and by at least ${thresholds.minCpuPoints} CPU point(s), `
		+ `${thresholds.minMemoryMiB} MiB of memory or ${thresholds.minCount} FD/thread. Each series' size in the test is its effective size, `
		+ 'n (1 - r) / (1 + r) with r its lag-1 autocorrelation, as consecutive ticks are not independent. Maxima and p95 are shown, not tested.';
}

function minimumChange(kind: 'cpu' | 'memory' | 'count', thresholds: Thresholds): number {
	switch (kind) {
		case 'cpu': {
			return thresholds.minCpuPoints;
		}

		case 'memory': {
			return thresholds.minMemoryMiB * mebibyte;
		}

		default: {
			return thresholds.minCount;
		}
	}
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function row(statistic: ComparedStatistic, baseline: number, current: number): Omit<Comparison, 'test' | 'verdict'> {
	const delta = current - baseline;
	return {
		statistic,
		baseline: finiteOrNull(baseline),
		current: finiteOrNull(current),
		delta: finiteOrNull(delta),
		deltaPercent: baseline === 0 ? (delta === 0 ? 0 : null) : finiteOrNull((delta * 100) / baseline),
	};
}

/** Baseline against current for one daemon present in both. */
export function compareDaemon(daemon: string, baseline: AnalysedSeries, current: AnalysedSeries, thresholds: Thresholds): DaemonComparison {
	const comparisons: Comparison[] = [];
	for (const {metric, key, kind} of compared) {
		const before = definedValues(baseline.series, metric, baseline.from).values;
		const after = definedValues(current.series, metric, current.from).values;
		if (before.length === 0 || after.length === 0) {
			continue;
		}

		const a = {mean: mean(before), variance: variance(before), n: effectiveSampleSize(before)};
		const b = {mean: mean(after), variance: variance(after), n: effectiveSampleSize(after)};
		const test = welchTest(a, b);
		const base = row(`${key}.mean` as ComparedStatistic, a.mean, b.mean);
		let verdict: ChangeVerdict = 'no significant change';
		const relative = base.deltaPercent === null ? Number.POSITIVE_INFINITY : Math.abs(base.deltaPercent);
		if (test.p < thresholds.alpha && relative >= thresholds.minChangePercent && Math.abs(base.delta ?? 0) >= minimumChange(kind, thresholds)) {
			verdict = (base.delta ?? 0) > 0 ? 'regression' : 'improvement';
		}

		comparisons.push({
			...base,
			test: {t: finiteOrNull(test.t), df: finiteOrNull(test.df), p: finiteOrNull(test.p), baselineN: before.length, currentN: after.length},
			verdict,
		});
		if (kind === 'cpu') {
			comparisons.push({...row('cpu.p95', percentile(before, 95), percentile(after, 95)), test: null, verdict: 'not tested'});
		}

		comparisons.push({...row(`${key}.max` as ComparedStatistic, maximum(before), maximum(after)), test: null, verdict: 'not tested'});
	}

	const verdicts = comparisons.map(comparison => comparison.verdict);
	const verdict = verdicts.includes('regression') ? 'regression' : (verdicts.includes('improvement') ? 'improvement' : 'no significant change');
	return {daemon, comparisons, verdict};
}
