/** Eight heights of a bar, lowest first. */
export const sparkBlocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

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

/**
 * Recent CPU% as bars from 0 to the window's peak (at least `cpuSparkFloor`): a busy daemon's shape
 * is visible, and 0.2% of jitter does not look like a full bar.
 */
export function cpuSparkline(values: ArrayLike<number>, width: number): string {
	let peak = cpuSparkFloor;
	for (let i = 0; i < values.length; i++) {
		const value = values[i]!;
		if (value > peak) {
			peak = value;
		}
	}

	return sparkline(values, width, {min: 0, max: peak});
}
