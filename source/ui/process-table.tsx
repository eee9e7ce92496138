import {Box} from 'ink';
import {useRef} from 'react';
import {loadColumn, processColumns} from './columns.js';
import type {Growth} from '../model/live-growth.js';
import {ScreenLine} from './screen-line.js';
import {fitColumns, headerLine, rowLine, scrollOffset, sparkWidth} from './table-layout.js';
import type {SortOrder, TableRow} from './table-rows.js';
import {fitLine, type Line, lineSignature} from './text.js';

type Props = {
	readonly rows: readonly TableRow[];
	readonly selected: number;
	readonly tree: boolean;
	readonly sort: SortOrder;
	readonly width: number;
	/** Lines available, the title row included; the table never draws more. */
	readonly height: number;
	/** Bars of a role's recent CPU, `width` characters. */
	readonly spark: (role: string, width: number) => string;
	/** Header of the CPU history column for this width (it names the shared scale), if not the default. */
	readonly sparkLabel?: (width: number) => string | undefined;
	/** Short process name of each daemon's own process, to tell children that run something else. */
	readonly daemonComms: ReadonlyMap<string, string>;
	/** Growth of a memory field of a row (its total's when collapsed); undefined while measuring. */
	readonly growth?: (row: TableRow, field: 'rss' | 'pss') => Growth | undefined;
	/** The LOAD cell of a row (a daemon's own statistics); without it (no statistics) the column is not shown. */
	readonly load?: (row: TableRow) => Line | undefined;
	/** Shown instead of rows when there are none. */
	readonly emptyText: string;
};

export function ProcessTable(props: Props) {
	const {rows, width, height} = props;
	const offsetRef = useRef(0);
	const placed = fitColumns(props.load === undefined ? processColumns : [...processColumns, loadColumn], width);
	const barWidth = sparkWidth(placed);
	const growthFields = placed.filter(({column}) => column.kind === 'growth').map(({column}) => column.field as 'rss' | 'pss');
	const visible = Math.max(0, height - 1);
	// Remembered between renders so the list scrolls only when the selection would leave it.
	const offset = scrollOffset(rows.length, props.selected, visible, offsetRef.current);
	offsetRef.current = offset;

	const lines: Array<{key: string; line: Line}> = [];
	if (height > 0) {
		const position = rows.length > visible ? `${offset + 1}-${Math.min(rows.length, offset + visible)}/${rows.length}` : '';
		lines.push({key: 'header', line: headerLine(placed, props.sort, width, position, barWidth > 0 ? props.sparkLabel?.(barWidth) : undefined)});
	}

	for (const [index, row] of rows.slice(offset, offset + visible).entries()) {
		const line = rowLine({
			row,
			tree: props.tree,
			spark: barWidth > 0 ? props.spark(row.key, barWidth) : '',
			daemonComm: props.daemonComms.get(row.daemon),
			selected: offset + index === props.selected,
			growth: Object.fromEntries(growthFields.map(field => [field, props.growth?.(row, field)])),
			load: props.load?.(row),
		}, placed, width);
		lines.push({key: row.key, line});
	}

	if (rows.length === 0 && visible > 0) {
		lines.push({key: 'empty', line: fitLine([{text: `  ${props.emptyText}`, dim: true}], width)});
	}

	return (
		<Box flexDirection="column" height={Math.max(0, height)} overflowY="hidden">
			{lines.map(({key, line}) => <ScreenLine key={key} line={line} signature={lineSignature(line)} />)}
		</Box>
	);
}
