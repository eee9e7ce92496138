import type {SessionInfo} from '../model/feed.js';
import {type HistoryStore, totalRole} from '../model/history-store.js';
import {memoryGrowth} from '../model/live-growth.js';
import {recordedTime} from '../model/timestamp.js';
import {type ColumnDef, loadColumn, processColumns} from './columns.js';
import {formatInterval} from './format.js';
import {loadSegments} from './load-text.js';
import {systemLine} from './system-line.js';
import {fitColumns, headerLine, type PlacedColumn, rowLine} from './table-layout.js';
import {buildRows, type TableRow} from './table-rows.js';
import {initialUiState} from './ui-state.js';
import {cutStart, type Line} from './text.js';
import {asciiNarrow} from './glyphs.js';

/**
 * Batch output (`--batch`, a terminal without cursor addressing) is read in logs, by scripts and on
 * terminals of any character set, so it is ASCII whatever the locale: the screen's own ASCII table
 * (glyphs.ts), one character per glyph, anything else above 0x7F (a process name's letters) as `?`.
 * The sort arrow becomes a space (there are no keys to sort with), so the titles read as words.
 */
const asciiOnly = (text: string): string => asciiNarrow(text.replaceAll(/[▲▼]/gu, ' '));

/** A line's text without its styles and without the spaces that pad it to its width. */
function plain(line: Line): string {
	return asciiOnly(line.map(segment => segment.text).join('')).trimEnd();
}

/** A width that fits every column at its widest: batch output to a pipe or a file has no width limit. */
function unlimitedWidth(columns: readonly ColumnDef[]): number {
	return columns.reduce((sum, column) => sum + (column.maxWidth ?? column.width) + 1, 0);
}

/**
 * The first line of a frame, one line for a log like the screen's header: the sample's time, the
 * host, the Wazuh version, the interval, DEMO, the host's load, CPU, memory, swap and uptime with
 * the daemons running and down, then the recording's state (rows written, where). Within a
 * terminal's width the host's figures drop whole (as on the screen) and the folder keeps its end.
 */
function frameHeader(info: SessionInfo, store: HistoryStore, width: number | undefined): string {
	const view = store.getSnapshot();
	const head = [
		view.snapshot?.timestamp ?? '----/--/-- --:--:--',
		info.host,
		...(info.wazuhVersion === '' ? [] : [`Wazuh ${info.wazuhVersion}`]),
		`every ${formatInterval(info.interval)}`,
		...(info.demo ? ['DEMO'] : []),
	].join('  ');
	const recording = view.recording;
	const rows = (recording?.rowsWritten ?? 0).toLocaleString('en-US');
	let state = 'REC';
	if (recording?.error !== undefined) {
		state = `REC FAILING (${recording.error})`;
	} else if (view.allGivenUp) {
		state = 'REC stopped';
	}

	const rec = `${state} ${rows} rows`;
	const systemRoom = width === undefined ? 400 : width - head.length - rec.length - 4;
	const system = systemRoom > 0 ? plain(systemLine(view.snapshot?.system, view.snapshot?.daemons, systemRoom)) : '';
	const line = asciiOnly([head, system, rec].filter(part => part !== '').join('  '));
	const folder = recording?.folder ?? '';
	if (width === undefined) {
		return folder === '' ? line : `${line} ${asciiOnly(folder)}`;
	}

	const folderRoom = width - line.length - 1;
	return (folder === '' || folderRoom < 2 ? line : `${line} ${asciiOnly(cutStart(folder, folderRoom))}`).slice(0, width);
}

/**
 * One frame of batch output (like `top -b`), as plain ASCII lines with no escape code: the header
 * line, the column titles and one row per process, daemons and their children as the live table
 * lists them (tree, by name). The columns are the live table's, without the CPU history bars (each
 * frame is one sample; the frames before it are the history). `width`: the terminal's, which drops
 * columns as the screen does; undefined (a pipe, a file) fits every column whole.
 */
export function batchFrame(store: HistoryStore, info: SessionInfo, width: number | undefined): string[] {
	const view = store.getSnapshot();
	const {tree, sort, collapsed, filter} = initialUiState;
	const rows = buildRows(view.snapshot, {tree, sort, filter, collapsed});
	const {loads} = view;
	const withLoad = rows.some(row => row.childIndex === 0 && loads.has(row.daemon));
	const columns = [...processColumns.filter(column => column.kind !== 'spark'), ...(withLoad ? [loadColumn] : [])];
	const lineWidth = width ?? unlimitedWidth(columns);
	const placed: Array<PlacedColumn<ColumnDef>> = fitColumns(columns, lineWidth);
	const end = view.processEnd;
	const times = store.processTimeline(store.capacity, end).map(time => recordedTime(time, info.interval));
	const growth = (row: TableRow, field: 'rss' | 'pss') => {
		const role = row.total === undefined ? row.key : totalRole(row.daemon);
		const firstSeen = store.firstSeen(role);
		return firstSeen === undefined ? undefined : memoryGrowth(times, store.series(role, field, store.capacity, end), recordedTime(firstSeen, info.interval), field);
	};

	const daemonComms = new Map((view.snapshot?.samples ?? []).filter(sample => sample.childIndex === 0).map(sample => [sample.daemon, sample.comm]));
	const lines = [frameHeader(info, store, width), plain(headerLine(placed, sort, lineWidth))];
	for (const row of rows) {
		const daemonLoad = row.childIndex === 0 ? loads.get(row.daemon) : undefined;
		lines.push(plain(rowLine({
			row,
			tree,
			spark: '',
			daemonComm: daemonComms.get(row.daemon),
			selected: false,
			growth: {rss: growth(row, 'rss'), pss: growth(row, 'pss')},
			load: daemonLoad === undefined ? undefined : loadSegments(daemonLoad),
		}, placed, lineWidth)));
	}

	return lines;
}
