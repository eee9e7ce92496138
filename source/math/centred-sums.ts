/**
 * The sums a least-squares line y = a + b x is made of, over the points where neither x nor y is
 * NaN (a gap in a history): their count, means, the x span, and the sums of squares and products
 * about the means. Centred sums, because x is often epoch milliseconds: their squares would lose
 * the precision a slope needs. One place for the report's trend fit and the live view's RSS/h.
 */
export type CentredSums = {
	readonly count: number;
	readonly meanX: number;
	readonly meanY: number;
	/** x of the first and of the last point counted (NaN when none). */
	readonly firstX: number;
	readonly lastX: number;
	/** Σ (x - x̄)², Σ (x - x̄)(y - ȳ), Σ (y - ȳ)². */
	readonly sxx: number;
	readonly sxy: number;
	readonly syy: number;
};

export function centredSums(x: ArrayLike<number>, y: ArrayLike<number>): CentredSums {
	const length = Math.min(x.length, y.length);
	let count = 0;
	let firstX = Number.NaN;
	let lastX = Number.NaN;
	let sumX = 0;
	let sumY = 0;
	for (let index = 0; index < length; index++) {
		const xi = x[index]!;
		const yi = y[index]!;
		if (Number.isNaN(xi) || Number.isNaN(yi)) {
			continue;
		}

		if (count === 0) {
			firstX = xi;
		}

		lastX = xi;
		count++;
		sumX += xi;
		sumY += yi;
	}

	const meanX = count === 0 ? Number.NaN : sumX / count;
	const meanY = count === 0 ? Number.NaN : sumY / count;
	let sxx = 0;
	let sxy = 0;
	let syy = 0;
	for (let index = 0; index < length; index++) {
		const xi = x[index]!;
		const yi = y[index]!;
		if (Number.isNaN(xi) || Number.isNaN(yi)) {
			continue;
		}

		const dx = xi - meanX;
		const dy = yi - meanY;
		sxx += dx * dx;
		sxy += dx * dy;
		syy += dy * dy;
	}

	return {count, meanX, meanY, firstX, lastX, sxx, sxy, syy};
}
