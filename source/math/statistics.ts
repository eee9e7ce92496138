/** Plain descriptive statistics of one series; pure, no dependency. */

export function mean(values: ArrayLike<number> & Iterable<number>): number {
	let sum = 0;
	for (const value of values) {
		sum += value;
	}

	return values.length === 0 ? Number.NaN : sum / values.length;
}

/** Sample variance (n - 1 in the denominator), NaN below two values. */
export function variance(values: readonly number[]): number {
	if (values.length < 2) {
		return Number.NaN;
	}

	const center = mean(values);
	let sum = 0;
	for (const value of values) {
		sum += (value - center) ** 2;
	}

	return sum / (values.length - 1);
}

export function maximum(values: ArrayLike<number> & Iterable<number>): number {
	let best = Number.NEGATIVE_INFINITY;
	for (const value of values) {
		if (value > best) {
			best = value;
		}
	}

	return values.length === 0 ? Number.NaN : best;
}

/**
 * The p-th percentile (0..100) with linear interpolation between the closest ranks, numpy's and
 * pandas' default, so a QA engineer gets the p95 their notebook gives.
 */
export function percentile(values: ArrayLike<number> & Iterable<number>, p: number): number {
	if (values.length === 0) {
		return Number.NaN;
	}

	const sorted = Float64Array.from(values).sort();
	const rank = (p / 100) * (sorted.length - 1);
	const low = Math.floor(rank);
	const high = Math.ceil(rank);
	return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Lag-1 autocorrelation: how much a value tells about the next one (1: a smooth line, 0: noise). */
export function lag1Autocorrelation(values: readonly number[]): number {
	if (values.length < 3) {
		return 0;
	}

	const center = mean(values);
	let numerator = 0;
	let denominator = 0;
	for (let index = 0; index < values.length; index++) {
		const deviation = values[index]! - center;
		denominator += deviation * deviation;
		if (index > 0) {
			numerator += deviation * (values[index - 1]! - center);
		}
	}

	return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * How many independent samples a series of autocorrelated ones is worth, for the variance of its
 * mean: n (1 - r) / (1 + r) with r the lag-1 autocorrelation (an AR(1) approximation), between 2 and
 * n. Samples taken every second of a process are far from independent (memory barely moves from
 * one tick to the next, CPU comes in bursts); a test that takes each tick as independent calls
 * noise a change.
 */
export function effectiveSampleSize(values: readonly number[]): number {
	const n = values.length;
	const r = lag1Autocorrelation(values);
	if (r <= 0) {
		return n;
	}

	return Math.min(n, Math.max(2, (n * (1 - r)) / (1 + r)));
}
