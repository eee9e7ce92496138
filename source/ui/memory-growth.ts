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
export const steadyFit = 0.9;

/**
 * The slope of `values` against `times` (ms), ignoring gaps (NaN in either), by least squares.
 * Undefined until the points span `minimumGrowthSeconds` and number `minimumGrowthPoints`. Pure.
 */
export function memoryGrowth(times: Float64Array, values: Float64Array): Growth | undefined {
	let count = 0;
	let first = Number.NaN;
	let last = Number.NaN;
	let sumT = 0;
	let sumV = 0;
	const length = Math.min(times.length, values.length);
	for (let index = 0; index < length; index++) {
		const time = times[index]!;
		const value = values[index]!;
		if (Number.isNaN(time) || Number.isNaN(value)) {
			continue;
		}

		if (count === 0) {
			first = time;
		}

		last = time;
		count++;
		sumT += time;
		sumV += value;
	}

	if (count < minimumGrowthPoints || (last - first) / 1000 < minimumGrowthSeconds) {
		return undefined;
	}

	// Centred sums: epoch milliseconds squared would lose the precision a slope needs.
	const meanT = sumT / count;
	const meanV = sumV / count;
	let stt = 0;
	let stv = 0;
	let svv = 0;
	for (let index = 0; index < length; index++) {
		const time = times[index]!;
		const value = values[index]!;
		if (Number.isNaN(time) || Number.isNaN(value)) {
			continue;
		}

		const dt = time - meanT;
		const dv = value - meanV;
		stt += dt * dt;
		stv += dt * dv;
		svv += dv * dv;
	}

	const slope = stv / stt;
	const fit = svv === 0 ? undefined : (stv * stv) / (stt * svv);
	const perHour = slope * 3_600_000;
	return {perHour, fit, steady: fit !== undefined && fit >= steadyFit && perHour > 0};
}
