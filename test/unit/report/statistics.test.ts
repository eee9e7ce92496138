import test from 'ava';
import {fitLine} from '../../../source/math/least-squares.js';
import {effectiveSampleSize, mean, percentile, variance} from '../../../source/math/statistics.js';
import {logGamma, studentTCdf, studentTQuantile} from '../../../source/math/student-t.js';
import {welchTest} from '../../../source/math/welch.js';

/*
 * Expected numbers computed once with scipy 1.17.1 / numpy (python3 on the dev machine) and written
 * here: scipy.stats.t.cdf / t.ppf, scipy.stats.ttest_ind(b, a, equal_var=False), scipy.stats.linregress,
 * math.lgamma, numpy.percentile.
 */

const close = (actual: number, expected: number, relative = 1e-9): boolean => Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));

test('ln Γ matches math.lgamma', t => {
	for (const [x, expected] of [[0.3, 1.095_797_994_818_075_2], [7.5, 7.534_364_236_758_734], [150.2, 601.011_063_925_892_2]] as const) {
		t.true(close(logGamma(x), expected, 1e-12), `lgamma(${x}) = ${logGamma(x)}`);
	}
});

test('Student t CDF matches scipy.stats.t.cdf, fractional df included', t => {
	const cases: Array<[number, number, number]> = [
		[0.5, 3, 0.674_276_017_575_924_5],
		[-1.7, 7.5, 0.065_033_049_178_668_52],
		[2.2, 30, 0.982_175_780_001_582_1],
		[4.1, 2.3, 0.978_556_561_076_723_3],
		[0, 10, 0.5],
		[-3.3, 120.7, 0.000_635_689_064_734_283_4],
	];
	for (const [value, df, expected] of cases) {
		t.true(close(studentTCdf(value, df), expected, 1e-10), `cdf(${value}, ${df}) = ${studentTCdf(value, df)}, scipy ${expected}`);
	}
});

test('Student t quantile matches scipy.stats.t.ppf', t => {
	const cases: Array<[number, number, number]> = [
		[0.975, 4, 2.776_445_105_197_793_4],
		[0.975, 28.3, 2.047_429_310_827_472_4],
		[0.95, 1, 6.313_751_514_675_037],
		[0.025, 9, -2.262_157_162_798_205_3],
	];
	for (const [p, df, expected] of cases) {
		t.true(close(studentTQuantile(p, df), expected, 1e-9), `ppf(${p}, ${df}) = ${studentTQuantile(p, df)}, scipy ${expected}`);
	}
});

const a = [9.986, 12.092, 11.483, 11.448, 13.238, 7.589, 8.746, 7.359, 9.784, 11.998, 9.956, 10.992, 6.178, 10.294, 8.186, 13.551, 11.774, 11.899, 9.884, 11.226, 11.316, 9.311, 9.005, 9.77, 8.789];
const b = [9.123, 10.366, 8.586, 14.565, 5.116, 14.794, 8.998, 9.316, 6.097, 10.923, 10.509, 12.266, 9.365, 11.875, 18.779, 13.136, 9.205, 15.312, 10.985, 13.875, 13.951, 9.936, 3.779, 10.109, 13.706, 9.98, 13.256, 15.418, 9.324, 16.425, 17.987, 15.816, 16.162, 15.887, 20.518, 12.243, 11.508, 13.912, 7.867, 5.287];

test('Welch t-test matches scipy.stats.ttest_ind(equal_var=False): t, Welch–Satterthwaite df, two-sided p', t => {
	const result = welchTest({mean: mean(a), variance: variance(a), n: a.length}, {mean: mean(b), variance: variance(b), n: b.length});
	t.true(close(result.t, 2.374_656_926_050_437_5, 1e-10), `t = ${result.t}`);
	t.true(close(result.df, 59.946_324_839_219_15, 1e-10), `df = ${result.df}`);
	t.true(close(result.p, 0.020_783_116_126_073_316, 1e-8), `p = ${result.p}`);
});

test('Welch on constant series: equal means p = 1, different means p = 0', t => {
	t.is(welchTest({mean: 5, variance: 0, n: 10}, {mean: 5, variance: 0, n: 10}).p, 1);
	t.is(welchTest({mean: 5, variance: 0, n: 10}, {mean: 6, variance: 0, n: 10}).p, 0);
});

test('least squares matches scipy.stats.linregress; the interval is slope ± t(0.975, n-2)·stderr when residuals alternate', t => {
	const x = Array.from({length: 12}, (_, index) => index);
	const y = [1.5, 2.6, 5.5, 6.7, 9.5, 10.5, 13.6, 14.5, 17.5, 18.8, 21.5, 22.5];
	const fit = fitLine(x, y);
	t.true(close(fit.slope, 1.980_069_930_069_930_3, 1e-12), `slope ${fit.slope}`);
	t.true(close(fit.intercept, 1.167_948_717_948_714_7, 1e-12), `intercept ${fit.intercept}`);
	t.true(close(fit.r2, 0.995_468_173_960_179_1, 1e-12), `r2 ${fit.r2}`);
	// The residuals' lag-1 autocorrelation is -0.88 here: nothing to widen, scipy's interval exactly.
	t.true(close(fit.low, 1.885_936_105_212_813_4, 1e-9), `low ${fit.low}`);
	t.true(close(fit.high, 2.074_203_754_927_047, 1e-9), `high ${fit.high}`);
});

test('autocorrelated residuals widen the slope interval beyond the textbook one', t => {
	// A staircase: a line held for 10 ticks at a time, as memory moves; the residuals are a sawtooth.
	const x = Array.from({length: 100}, (_, index) => index);
	const stairs = x.map(value => Math.floor(value / 10) * 10);
	const fit = fitLine(x, stairs);
	const meanX = mean(x);
	const sxx = x.reduce((sum, value) => sum + ((value - meanX) ** 2), 0);
	const sse = x.reduce((sum, value, index) => sum + ((stairs[index]! - (fit.intercept + fit.slope * value)) ** 2), 0);
	const textbookHalf = studentTQuantile(0.975, 98) * Math.sqrt(sse / 98 / sxx);
	// The sawtooth's lag-1 autocorrelation is about 0.5: sqrt((1 + r) / (1 - r)) = 1.7 times wider.
	t.true((fit.high - fit.low) / 2 > 1.5 * textbookHalf, `${(fit.high - fit.low) / 2} vs ${textbookHalf}`);
});

test('percentile interpolates like numpy.percentile', t => {
	t.true(close(percentile([3, 1, 4, 1, 5, 9, 2, 6, 5, 3], 95), 7.649_999_999_999_997, 1e-12));
	t.is(percentile([7], 95), 7);
});

test('effective sample size: n for noise that alternates, far fewer for a slow wander', t => {
	const alternating = Array.from({length: 200}, (_, index) => (index % 2 === 0 ? 1 : -1));
	t.is(effectiveSampleSize(alternating), 200);
	const wander = Array.from({length: 200}, (_, index) => Math.floor(index / 20));
	t.true(effectiveSampleSize(wander) < 20, String(effectiveSampleSize(wander)));
});
