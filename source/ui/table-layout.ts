import type {ProcessSample} from '../model/snapshot.js';
import {type ColumnDef, columnValue} from './columns.js';
import {formatBytes, unreadable} from './format.js';
import {type Growth, minimumGrowthSeconds} from '../model/live-growth.js';
import {shownSample, type SortKey, type SortOrder, type TableRow} from './table-rows.js';
import {cutMiddle, fitLine, type Line, padLeft, padRight, sanitize, type Segment} from './text.js';
import {cpuLevelColor} from './sparkline.js';

/** What `fitColumns` needs to know of a column. */
export type FitColumn = {
	/** Width without the separating space. */
	readonly width: number;
	/** Extra width the column may take when there is room. */
	readonly maxWidth?: number;
	/** 0 is always kept; higher numbers are dropped first. */
	readonly priority: number;
};

export type PlacedColumn<C extends FitColumn = ColumnDef> = {readonly column: C; readonly width: number};

/**
 * Which columns fit in `width`, and how wide each is. Columns are dropped from the highest
 * priority number down (among equals, the rightmost first) until the rest fit with one space
 * between them; the room left is handed to growable columns in display order, up to their
 * `maxWidth`. Priority-0 columns are always kept, even if they overflow (the line is cut anyway).
 */
export function fitColumns<C extends FitColumn>(columns: readonly C[], width: number): Array<PlacedColumn<C>> {
	const kept = [...columns];
	const used = () => kept.reduce((sum, column, index) => sum + column.width + (index === 0 ? 0 : 1), 0);
	while (used() > width) {
		let drop = -1;
		for (const [index, column] of kept.entries()) {
			if (column.priority > 0 && (drop === -1 || column.priority >= kept[drop]!.priority)) {
				drop = index;
			}
		}

		if (drop === -1) {
			break;
		}

		kept.splice(drop, 1);
	}

	let spare = Math.max(0, width - used());
	return kept.map(column => {
		const extra = Math.min(spare, Math.max(0, (column.maxWidth ?? column.width) - column.width));
		spare -= extra;
		return {column, width: column.width + extra};
	});
}

const sortColumn: Record<SortKey, string> = {cpu: 'cpu', memory: 'rss', pid: 'pid', name: 'name'};

/**
 * The column titles, with an arrow on the sort column and, when the rows do not all fit, which ones
 * are shown (`NAME▲ 1-19/24`) after the first title.
 */
export function headerLine(placed: readonly PlacedColumn[], sort: SortOrder, width: number, position = '', sparkLabel?: string): Line {
	const segments: Segment[] = [];
	for (const [index, {column: placedColumn, width: columnWidth}] of placed.entries()) {
		// The spark column says its scale when all rows share one.
		const column = placedColumn.kind === 'spark' && sparkLabel !== undefined && sparkLabel.length <= columnWidth ? {...placedColumn, label: sparkLabel} : placedColumn;
		const arrow = column.id === sortColumn[sort.key] ? (sort.descending ? '▼' : '▲') : '';
		const title = index === 0 && position !== '' && column.label.length + arrow.length + position.length + 1 <= columnWidth
			? `${column.label}${arrow} ${position}`
			: column.label + arrow;
		const label = column.align === 'right' ? padLeft(arrow + column.label, columnWidth) : padRight(title, columnWidth);
		segments.push({text: (index === 0 ? '' : ' ') + label, bold: true, color: arrow === '' ? undefined : 'cyan'});
	}

	return fitLine(segments, width).map(segment => ({...segment, inverse: true}));
}

export type StateCell = {readonly text: string; readonly color?: string; readonly dim?: boolean};

/**
 * The State cell. On a daemon's row it comes from its DaemonState; on a child's row it only says
 * when its fields could not be read, so the column stays quiet for healthy children.
 */
export function stateCell(row: TableRow): StateCell {
	const {state, sample} = row;
	if (state) {
		switch (state.status) {
			case 'down': {
				return {text: 'down', color: 'red'};
			}

			case 'given-up': {
				return {text: 'given up', color: 'red', dim: true};
			}

			case 'restarted': {
				return {text: 'restarted', color: 'yellow'};
			}

			case 'running': {
				if (state.unreadable.length > 0) {
					return {text: 'no perm', color: 'yellow'};
				}

				return state.restarts > 0 ? {text: `running ↻${state.restarts}`, color: 'green'} : {text: 'running', color: 'green'};
			}
		}
	}

	// Memory maps, fd and io of another user's process need root; stat (PID, CPU, VMS) does not.
	if (sample && (sample.uss === undefined || sample.fd === undefined || sample.diskRead === undefined)) {
		return {text: 'no perm', color: 'yellow'};
	}

	return {text: ''};
}

/** The text of the name cell: tree glyphs in tree mode, the full role name in flat mode. */
export function nameCell(row: TableRow, tree: boolean, daemonComm: string | undefined): string {
	if (!tree) {
		return sanitize(row.key);
	}

	if (row.depth === 0) {
		if (row.childCount === 0) {
			return `  ${sanitize(row.key)}`;
		}

		// Σ: the row's values are the sum of the daemon and its hidden children.
		return row.collapsed ? `▸ ${sanitize(row.key)} +${row.childCount}${row.total === undefined ? '' : ' Σ'}` : `▾ ${sanitize(row.key)}`;
	}

	const comm = row.sample && row.sample.comm !== daemonComm ? ` ${sanitize(row.sample.comm)}` : '';
	return ` ${row.lastChild ? '└' : '├'} child_${row.childIndex}${comm}`;
}

/** The formatted value of a value column for a sample; `-` when unreadable or absent. */
export function valueCell(column: ColumnDef, sample: ProcessSample | undefined): string {
	if (!sample || !column.format) {
		return unreadable;
	}

	return column.format(columnValue(column, sample));
}

export type RowInput = {
	readonly row: TableRow;
	readonly tree: boolean;
	/** Recent values of the spark column's field, oldest first. */
	readonly spark: string;
	readonly daemonComm: string | undefined;
	readonly selected: boolean;
	/** Growth of each growth column's field, by field key; undefined while too little history exists. */
	readonly growth?: Readonly<Record<string, Growth | undefined>>;
	/** The LOAD cell: the daemon's own statistics, on the row of a daemon that has them. */
	readonly load?: Line;
};

/** While too little history exists: `…1m`, the span growth needs first (ASCII: `~1m`). */
const measuringGrowth = `…${minimumGrowthSeconds / 60}m`;

/** `+1.2M↗`: signed bytes per hour, and `↗` when the growth is steady; `…1m` while measuring. */
export function growthCell(growth: Growth | undefined): string {
	if (growth === undefined) {
		return measuringGrowth;
	}

	const rounded = Math.round(growth.perHour);
	return `${rounded > 0 ? '+' : ''}${formatBytes(rounded)}${growth.steady ? '↗' : ''}`;
}

/** One table row as a single line of exactly `width` characters. */
export function rowLine(input: RowInput, placed: readonly PlacedColumn[], width: number): Line {
	const {row, selected} = input;
	const down = row.sample === undefined;
	const segments: Segment[] = [];
	for (const [index, {column, width: columnWidth}] of placed.entries()) {
		const gap = index === 0 ? '' : ' ';
		switch (column.kind) {
			case 'name': {
				const text = padRight(cutMiddle(nameCell(row, input.tree, input.daemonComm), columnWidth), columnWidth);
				// A down daemon is dim, not bold and dim: both end with SGR 22, and Ink's own frame
				// composition (used when its shortcut cannot be) then drops the dim of the cells after it.
				segments.push({text: gap + text, bold: row.depth === 0 && input.tree && !down, dim: down});
				break;
			}

			case 'spark': {
				segments.push({text: gap + padRight(input.spark, columnWidth), color: 'cyan'});
				break;
			}

			case 'state': {
				const cell = stateCell(row);
				segments.push({text: gap, dim: false}, {text: padRight(cell.text, columnWidth), color: cell.color, dim: cell.dim});
				break;
			}

			case 'load': {
				const load = input.load ?? [];
				// Cut, it ends with `…` (fitLine marks it).
				const fitted = fitLine(load, columnWidth);
				segments.push({text: gap}, ...fitted.map(segment => (down ? {...segment, dim: true} : segment)));
				break;
			}

			case 'growth': {
				const growth = column.field === undefined ? undefined : input.growth?.[column.field];
				const text = down ? unreadable : growthCell(growth);
				segments.push({text: gap + padLeft(text, columnWidth), color: growth?.steady ? 'yellow' : undefined, dim: down || !growth?.steady});
				break;
			}

			case 'value': {
				const sample = shownSample(row);
				const text = valueCell(column, sample);
				const aligned = column.align === 'right' ? padLeft(text, columnWidth) : padRight(text, columnWidth);
				const color = column.field === 'cpuPercent' && !down ? cpuLevelColor(sample?.cpuPercent) : undefined;
				segments.push({text: gap}, {text: aligned, dim: down || text === unreadable, color, bold: color === 'red'});
				break;
			}
		}
	}

	const line = fitLine(segments, width);
	return selected ? line.map(segment => ({...segment, inverse: true})) : line;
}

/** Width of the spark column once placed, 0 when it was dropped: how many points to read. */
export function sparkWidth(placed: readonly PlacedColumn[]): number {
	return placed.find(({column}) => column.kind === 'spark')?.width ?? 0;
}

/**
 * The first row to show so the selection stays visible, moving as little as possible from the
 * previous position (like top/htop: the list scrolls only when the selection leaves it).
 */
export function scrollOffset(count: number, selected: number, height: number, previous: number): number {
	if (height <= 0 || count <= height) {
		return 0;
	}

	let offset = Math.min(Math.max(0, previous), count - height);
	if (selected < offset) {
		offset = selected;
	} else if (selected >= offset + height) {
		offset = selected - height + 1;
	}

	return Math.max(0, offset);
}
