import {diskFieldByKey, type DiskFieldKey} from '../model/disk-fields.js';
import type {DiskSample} from '../model/snapshot.js';
import {formatBytes, formatGrowth, formatUsage} from './format.js';
import {sparkline} from './sparkline.js';
import {type FitColumn, fitColumns, type PlacedColumn} from './table-layout.js';
import {cut, cutStart, fitLine, type Line, padLeft, padRight, sanitize, type Segment} from './text.js';

/** Disk panel columns; value columns name their field in the disk field registry, like the CSV. */
export type DiskColumn = FitColumn & {
	readonly id: 'file' | 'size' | 'usage' | 'growth' | 'spark' | 'path';
	/** Key in `diskFields`; undefined for derived columns (growth, history). */
	readonly field: DiskFieldKey | undefined;
	readonly label: string;
	readonly align: 'left' | 'right';
};

export const diskColumns: readonly DiskColumn[] = [
	{id: 'file', field: 'file', label: 'FILE', width: 16, maxWidth: 28, priority: 0, align: 'left'},
	{id: 'size', field: 'size', label: 'SIZE', width: 7, priority: 0, align: 'right'},
	{id: 'usage', field: 'usage', label: 'USAGE', width: 8, priority: 2, align: 'right'},
	{id: 'growth', field: undefined, label: 'GROWTH', width: 10, priority: 1, align: 'right'},
	{id: 'spark', field: undefined, label: 'SIZE HISTORY', width: 12, maxWidth: 40, priority: 3, align: 'left'},
	{id: 'path', field: 'path', label: 'PATH', width: 12, maxWidth: 200, priority: 4, align: 'left'},
];

/**
 * Growth in bytes per minute over the last minute of history, from the oldest and newest sizes known
 * in that span (or, with samples further apart than a minute, from the one before). Undefined
 * (`measuring`) until a minute of history exists: one step of a few seconds, multiplied up to a
 * minute, would show a burst as a trend.
 */
export function growthPerMinute(times: ArrayLike<number>, sizes: ArrayLike<number>): number | undefined {
	const known = (index: number) => !Number.isNaN(sizes[index]!) && !Number.isNaN(times[index]!);
	let last = -1;
	for (let i = sizes.length - 1; i >= 0; i--) {
		if (known(i)) {
			last = i;
			break;
		}
	}

	if (last === -1) {
		return undefined;
	}

	const lastTime = times[last]!;
	let base = -1;
	let minuteOld = false;
	for (let i = last - 1; i >= 0; i--) {
		if (!known(i)) {
			continue;
		}

		if (times[i]! < lastTime - 60_000) {
			minuteOld = true;
			base = base === -1 ? i : base;
			break;
		}

		if (times[i]! === lastTime - 60_000) {
			minuteOld = true;
		}

		base = i;
	}

	if (!minuteOld || base === -1 || lastTime <= times[base]!) {
		return undefined;
	}

	return ((sizes[last]! - sizes[base]!) / (lastTime - times[base]!)) * 60_000;
}

export type DiskRowInput = {
	readonly sample: DiskSample;
	readonly growth: number | undefined;
	/** Size history for the sparkline, oldest first. */
	readonly sizes: ArrayLike<number>;
};

function diskValue(sample: DiskSample, key: DiskFieldKey): string | number | undefined {
	return diskFieldByKey(key).value(sample, '');
}

export function diskHeaderLine(placed: ReadonlyArray<PlacedColumn<DiskColumn>>, width: number): Line {
	const segments: Segment[] = placed.map(({column, width: columnWidth}, index) => ({
		text: (index === 0 ? '' : ' ') + (column.align === 'right' ? padLeft(column.label, columnWidth) : padRight(column.label, columnWidth)),
		bold: true,
	}));
	return fitLine(segments, width).map(segment => ({...segment, inverse: true}));
}

/** One tracked path as a line of exactly `width`: missing paths and walk problems say so. */
export function diskRowLine(input: DiskRowInput, placed: ReadonlyArray<PlacedColumn<DiskColumn>>, width: number): Line {
	const {sample} = input;
	const segments: Segment[] = [];
	for (const [index, {column, width: columnWidth}] of placed.entries()) {
		const gap = index === 0 ? '' : ' ';
		const right = (text: string) => gap + padLeft(text, columnWidth);
		switch (column.id) {
			case 'file': {
				segments.push({text: gap + padRight(cut(sanitize(String(diskValue(sample, 'file') ?? '')), columnWidth), columnWidth)});
				break;
			}

			case 'size': {
				if (sample.exists) {
					const size = diskValue(sample, 'size');
					segments.push({text: right(formatBytes(typeof size === 'number' ? size : undefined))});
				} else {
					segments.push({text: right('missing'), color: 'yellow'});
				}

				break;
			}

			case 'usage': {
				const usage = diskValue(sample, 'usage');
				segments.push({text: right(formatUsage(typeof usage === 'number' ? usage : undefined)), dim: !sample.exists});
				break;
			}

			case 'growth': {
				if (!sample.exists) {
					segments.push({text: right('-'), dim: true});
				} else if (input.growth === undefined) {
					segments.push({text: right('measuring'), dim: true});
				} else {
					segments.push({text: right(formatGrowth(input.growth)), color: input.growth > 0 ? 'yellow' : undefined});
				}

				break;
			}

			case 'spark': {
				segments.push({text: gap + padRight(sparkline(input.sizes, columnWidth), columnWidth), color: 'cyan'});
				break;
			}

			case 'path': {
				// A missing path says so in SIZE; its path is what helps then.
				if (sample.problem === undefined || !sample.exists) {
					segments.push({text: gap + padRight(cutStart(sanitize(sample.path), columnWidth), columnWidth), dim: true});
				} else {
					segments.push({text: gap + padRight(cut(sanitize(`⚠ ${sample.problem}`), columnWidth), columnWidth), color: 'yellow'});
				}

				break;
			}
		}
	}

	return fitLine(segments, width);
}

export function fitDiskColumns(width: number): Array<PlacedColumn<DiskColumn>> {
	return fitColumns(diskColumns, width);
}
