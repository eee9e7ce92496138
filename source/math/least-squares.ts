import {centredSums} from './centred-sums.js';
import {lag1Autocorrelation} from './statistics.js';
import {studentTQuantile} from './student-t.js';

export type LinearFit = {
	/** y units per x unit. */
	readonly slope: number;
	readonly intercept: number;
	/** Share of the variance of y the line explains (0..1); NaN when y is constant. */
	readonly r2: number;
	/** 95 % confidence interval of the slope (see `fitLine` for how it allows for autocorrelation). */
	readonly low: number;
	readonly high: number;
	readonly n: number;
};

/**
 * Ordinary least squares y = intercept + slope x, with R² and a 95 % interval for the slope. The
 * interval's standard error is widened by sqrt((1 + r) / (1 - r)), r the lag-1 autocorrelation of
 * the residuals (when positive), with the degrees of freedom cut to the effective size: memory
 * sampled every second wanders in steps that last many ticks, and taking each tick as independent
 * would give a steady daemon a "significant" slope from a single step.
 */
export function fitLine(x: readonly number[], y: readonly number[]): LinearFit {
	const n = Math.min(x.length, y.length);
	if (n < 3) {
		return {slope: Number.NaN, intercept: Number.NaN, r2: Number.NaN, low: Number.NaN, high: Number.NaN, n};
	}

	// The points are defined values (no gap): centredSums counts them all.
	const {meanX, meanY, sxx, sxy, syy} = centredSums(x, y);
	if (sxx === 0) {
		return {slope: Number.NaN, intercept: Number.NaN, r2: Number.NaN, low: Number.NaN, high: Number.NaN, n};
	}

	const slope = sxy / sxx;
	const intercept = meanY - slope * meanX;
	const residuals = new Array<number>(n);
	let sse = 0;
	for (let index = 0; index < n; index++) {
		const residual = y[index]! - (intercept + slope * x[index]!);
		residuals[index] = residual;
		sse += residual * residual;
	}

	const r2 = syy === 0 ? Number.NaN : 1 - sse / syy;
	const r = Math.max(0, lag1Autocorrelation(residuals));
	const inflation = r >= 1 ? Number.POSITIVE_INFINITY : Math.sqrt((1 + r) / (1 - r));
	const effective = Math.max(3, (n * (1 - r)) / (1 + r));
	const standardError = Math.sqrt(sse / (n - 2) / sxx) * inflation;
	const half = studentTQuantile(0.975, effective - 2) * standardError;
	return {slope, intercept, r2, low: slope - half, high: slope + half, n};
}
