/** Eight heights of a bar, lowest first. */
const sparkBlocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export type SparklineScale = {
	/** Value drawn as the lowest block; default the smallest value shown. */
	readonly min?: number;
	/** Value drawn as the highest block; default the largest value shown. */
	readonly max?: number;
};

/** Height of a flat, non-zero series: the middle of the range. */
const flatLevel = 3;

/**
 * The last `width` values as bars, newest at the right, exactly `width` characters. A gap (NaN) is a
 * blank, so a process that was down is visible as a hole; fewer values than `width` are padded on
 * the left. A flat series of zeros draws the lowest block; any other flat series a middle one, so a
 * directory whose size does not move reads as steady, not as empty.
 */
export function sparkline(values: ArrayLike<number>, width: number, scale: SparklineScale = {}): string {
	if (width <= 0) {
		return '';
	}

	const first = Math.max(0, values.length - width);
	let low = Number.POSITIVE_INFINITY;
	let high = Number.NEGATIVE_INFINITY;
	for (let i = first; i < values.length; i++) {
		const value = values[i]!;
		if (!Number.isNaN(value)) {
			low = Math.min(low, value);
			high = Math.max(high, value);
		}
	}

	low = scale.min ?? low;
	high = scale.max ?? high;
	const range = high - low;
	let bars = ' '.repeat(width - (values.length - first));
	for (let i = first; i < values.length; i++) {
		const value = values[i]!;
		if (Number.isNaN(value)) {
			bars += ' ';
			continue;
		}

		// Eight equal bins: the top block only for the top eighth, and near-idle stays at the bottom.
		const level = range > 0 ? Math.floor(((value - low) / range) * sparkBlocks.length) : (value === 0 ? 0 : flatLevel);
		bars += sparkBlocks[Math.min(sparkBlocks.length - 1, Math.max(0, level))]!;
	}

	return bars;
}

/** Below this peak a CPU sparkline is scaled to it, so an idle daemon's noise stays flat. */
export const cpuSparkFloor = 10;

/** The highest CPU% in a window, at least `cpuSparkFloor`: the top of a CPU sparkline's scale. */
export function cpuSparkPeak(values: ArrayLike<number>): number {
	let peak = cpuSparkFloor;
	for (let i = 0; i < values.length; i++) {
		const value = values[i]!;
		if (value > peak) {
			peak = value;
		}
	}

	return peak;
}

/**
 * Recent CPU% as bars from 0 to `peak`: by default the row's own peak (at least `cpuSparkFloor`),
 * so an idle daemon's 0.2 % of jitter does not look like a full bar; given the peak of every row,
 * one scale for all, so a child at 8 % is a low bar next to a daemon at 300 %.
 */
export function cpuSparkline(values: ArrayLike<number>, width: number, peak: number = cpuSparkPeak(values)): string {
	return sparkline(values, width, {min: 0, max: Math.max(peak, cpuSparkFloor)});
}

/**
 * Colour of a CPU% like htop's meters: plain below half a core, yellow from 50 %, red from 90 %
 * (a thread close to saturating its core: the "why is analysisd at 300 %?" rows stand out).
 */
export function cpuLevelColor(percent: number | undefined): string | undefined {
	if (percent === undefined || Number.isNaN(percent) || percent < 50) {
		return undefined;
	}

	return percent < 90 ? 'yellow' : 'red';
}
