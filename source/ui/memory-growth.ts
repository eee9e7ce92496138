import {centredSums} from '../math/centred-sums.js';

/**
 * Memory growth of a process over the window of history on screen: the least-squares slope of its
 * RSS against time, per hour, and whether the growth is steady (a leak looks like a straight rising
 * line; a cache that fills and a burst that is freed do not).
 */
export type Growth = {
	/** Bytes per hour (negative when it shrinks). */
	readonly perHour: number;
	/** The fit is close (R² at least `steadyFit`) and rising: a steady growth, worth a look. */
	readonly steady: boolean;
	/** How well a straight line fits, 0-1; undefined when the value never moved. */
	readonly fit: number | undefined;
};

/** Before this much time and these many points, a slope is noise: nothing is shown. */
export const minimumGrowthSeconds = 60;
export const minimumGrowthPoints = 10;
/** R² from which a rising line counts as steady. */
const steadyFit = 0.9;

/**
 * The slope of `values` against `times` (ms), ignoring gaps (NaN in either), by least squares.
 * Undefined until the points span `minimumGrowthSeconds` and number `minimumGrowthPoints`. Pure.
 */
export function memoryGrowth(times: Float64Array, values: Float64Array): Growth | undefined {
	const {count, firstX, lastX, sxx, sxy, syy} = centredSums(times, values);
	if (count < minimumGrowthPoints || (lastX - firstX) / 1000 < minimumGrowthSeconds) {
		return undefined;
	}

	const slope = sxy / sxx;
	const fit = syy === 0 ? undefined : (sxy * sxy) / (sxx * syy);
	const perHour = slope * 3_600_000;
	return {perHour, fit, steady: fit !== undefined && fit >= steadyFit && perHour > 0};
}
