import {studentTTwoSided} from './student-t.js';

/** What Welch's test needs of a series: its mean, sample variance and (effective) size. */
export type SeriesMoments = {readonly mean: number; readonly variance: number; readonly n: number};

export type WelchResult = {
	readonly t: number;
	/** Welch–Satterthwaite degrees of freedom. */
	readonly df: number;
	/** Two-sided p-value. */
	readonly p: number;
};

/**
 * Welch's unequal-variances t-test of `b` against `a` (t > 0 when b's mean is higher), with the
 * Welch–Satterthwaite degrees of freedom. `n` may be an effective size (statistics.ts), which is
 * how autocorrelated per-tick series are tested. Two constant series: p = 1 when the means are
 * equal, 0 when they differ (no noise can explain the difference).
 */
export function welchTest(a: SeriesMoments, b: SeriesMoments): WelchResult {
	const va = a.variance / a.n;
	const vb = b.variance / b.n;
	const spread = va + vb;
	const difference = b.mean - a.mean;
	if (!(spread > 0)) {
		if (a.n < 2 || b.n < 2 || Number.isNaN(spread)) {
			return {t: Number.NaN, df: Number.NaN, p: Number.NaN};
		}

		return difference === 0
			? {t: 0, df: a.n + b.n - 2, p: 1}
			: {t: Math.sign(difference) * Number.POSITIVE_INFINITY, df: a.n + b.n - 2, p: 0};
	}

	const t = difference / Math.sqrt(spread);
	const df = (spread * spread) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
	return {t, df, p: studentTTwoSided(t, df)};
}
