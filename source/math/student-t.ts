/**
 * Student's t distribution: the CDF through the regularized incomplete beta function (continued
 * fraction, Lentz's method, as in Numerical Recipes 6.4) and the quantile by bisection on it.
 * Checked against scipy.stats.t in test/unit/report/statistics.test.ts.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: ~15 significant digits). */
export function logGamma(x: number): number {
	const coefficients = [
		0.999_999_999_999_809_9, 676.520_368_121_885_1, -1259.139_216_722_402_8, 771.323_428_777_653_1,
		-176.615_029_162_140_6, 12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_572e-6,
		1.505_632_735_149_311_6e-7,
	];
	if (x < 0.5) {
		// Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
		return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	}

	const z = x - 1;
	let sum = coefficients[0]!;
	for (let index = 1; index < 9; index++) {
		sum += coefficients[index]! / (z + index);
	}

	const t = z + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	d = 1 / (Math.abs(d) < tiny ? tiny : d);
	let result = d;
	for (let m = 1; m <= 1000; m++) {
		const m2 = 2 * m;
		let term = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
		d = 1 + term * d;
		d = 1 / (Math.abs(d) < tiny ? tiny : d);
		c = 1 + term / c;
		c = Math.abs(c) < tiny ? tiny : c;
		result *= d * c;
		term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
		d = 1 + term * d;
		d = 1 / (Math.abs(d) < tiny ? tiny : d);
		c = 1 + term / c;
		c = Math.abs(c) < tiny ? tiny : c;
		const delta = d * c;
		result *= delta;
		if (Math.abs(delta - 1) < 1e-15) {
			break;
		}
	}

	return result;
}

/** I_x(a, b), the regularized incomplete beta function. */
function incompleteBeta(x: number, a: number, b: number): number {
	if (x <= 0) {
		return 0;
	}

	if (x >= 1) {
		return 1;
	}

	const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
	// The continued fraction converges fast on this side; the other side by symmetry.
	if (x < (a + 1) / (a + b + 2)) {
		return (front * betaContinuedFraction(a, b, x)) / a;
	}

	return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for T with `df` degrees of freedom (df > 0, not necessarily whole: Welch's df is not). */
export function studentTCdf(t: number, df: number): number {
	if (!Number.isFinite(t)) {
		return t > 0 ? 1 : 0;
	}

	const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** Two-sided p-value of `t`: P(|T| >= |t|). */
export function studentTTwoSided(t: number, df: number): number {
	if (!Number.isFinite(t)) {
		return Number.isNaN(t) ? Number.NaN : 0;
	}

	return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The t with P(T <= t) = p, by bisection (60 halvings: far below any digit we print). */
export function studentTQuantile(p: number, df: number): number {
	if (p <= 0) {
		return Number.NEGATIVE_INFINITY;
	}

	if (p >= 1) {
		return Number.POSITIVE_INFINITY;
	}

	let low = -1;
	let high = 1;
	while (studentTCdf(low, df) > p) {
		low *= 2;
	}

	while (studentTCdf(high, df) < p) {
		high *= 2;
	}

	for (let step = 0; step < 200 && high - low > 1e-12 * Math.max(1, Math.abs(high)); step++) {
		const middle = (low + high) / 2;
		if (studentTCdf(middle, df) < p) {
			low = middle;
		} else {
			high = middle;
		}
	}

	return (low + high) / 2;
}
