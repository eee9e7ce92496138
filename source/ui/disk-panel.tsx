import type {DiskSnapshot} from '../model/snapshot.js';
import {diskHeaderLine, diskRowLine, fitDiskColumns, growthPerMinute} from './disk-layout.js';
import {ScreenLines} from './screen-line.js';
import {fitLine, type Line} from './text.js';

type Props = {
	readonly disk: DiskSnapshot | undefined;
	/** Paths given with --disk, shown as waiting until the first walk reports them. */
	readonly paths: readonly string[];
	/** Size and time history of a path, oldest first, `count` points. */
	readonly history: (path: string, count: number) => {sizes: Float64Array; times: Float64Array};
	readonly width: number;
	/** Lines available, the title row included. */
	readonly height: number;
};

/** Interval-independent: growth needs a minute of history, whatever the number of points. */
const growthPoints = 600;

/** Tracked files and directories: size, share of the filesystem, growth per minute, size history. */
export function DiskPanel(props: Props) {
	const {width, height} = props;
	if (height <= 0) {
		return null;
	}

	const placed = fitDiskColumns(width);
	const sparkWidth = placed.find(({column}) => column.id === 'spark')?.width ?? 0;
	const lines: Line[] = [diskHeaderLine(placed, width)];
	const samples = props.disk?.samples ?? [];
	for (const sample of samples.slice(0, height - 1)) {
		const {sizes, times} = props.history(sample.path, Math.max(growthPoints, sparkWidth));
		lines.push(diskRowLine({sample, growth: growthPerMinute(times, sizes), sizes: sizes.subarray(sizes.length - sparkWidth)}, placed, width));
	}

	if (samples.length === 0) {
		for (const path of props.paths.slice(0, height - 1)) {
			lines.push(fitLine([{text: path, dim: true}, {text: '  measuring…', dim: true}], width));
		}
	}

	const hidden = samples.length - (height - 1);
	if (hidden > 0 && lines.length > 1) {
		// The last visible row says how many paths did not fit rather than dropping them silently.
		lines[lines.length - 1] = fitLine([{text: `  … ${hidden + 1} more paths (taller terminal to see them)`, dim: true}], width);
	}

	return <ScreenLines prefix="disk" lines={lines} />;
}
