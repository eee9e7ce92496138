import {bindingOf, type KeyBinding, type KeyCommand, type KeyMode, type KeyPress, modesText, type ReplayCommand, replayCommands} from './keys.js';
import {defaultDescending, type SortKey, type SortOrder} from './table-rows.js';

/**
 * What the user has chosen on screen (selection, sort, filter, view), and how each key changes it.
 * Pure, so every key can be tested without a terminal; the app applies the result.
 */
export type UiState = {
	readonly view: 'table' | 'detail';
	readonly help: boolean;
	/** First help line shown: the help scrolls when it is taller than the screen. */
	readonly helpScroll: number;
	readonly tree: boolean;
	readonly sort: SortOrder;
	readonly filter: string;
	/** True while the `/` input is open; the filter applies as it is typed. */
	readonly editing: boolean;
	readonly collapsed: ReadonlySet<string>;
	/** Role name of the selected row; when absent from the rows, the first row is selected. */
	readonly selected: string | undefined;
	/** Time span of the detail view's charts (`w` cycles through them). */
	readonly window: ChartWindow;
	/** CPU history bars: one scale for all rows, or each row to its own peak (`s`). */
	readonly sparkScale: 'shared' | 'row';
	/**
	 * Said in the footer for a moment: a key pressed where it does nothing (`,` in the live view).
	 * The next key, or the app after a few seconds, clears it.
	 */
	readonly hint?: string;
};

/** The detail charts' spans: the last minute, the last 10 minutes, everything kept. */
const chartWindows = ['1 min', '10 min', 'all'] as const;
export type ChartWindow = (typeof chartWindows)[number];

/** Samples a window covers at this interval, at most `capacity` (what the history keeps). */
export function windowSamples(window: ChartWindow, interval: number, capacity: number): number {
	const seconds = window === '1 min' ? 60 : (window === '10 min' ? 600 : Number.POSITIVE_INFINITY);
	return Math.max(2, Math.min(capacity, Math.round(seconds / interval)));
}

export const initialUiState: UiState = {
	view: 'table',
	help: false,
	helpScroll: 0,
	tree: true,
	// Stable rows by default: sorting by CPU reorders daemons every tick.
	sort: {key: 'name', descending: false},
	filter: '',
	editing: false,
	collapsed: new Set(),
	selected: undefined,
	// The whole history, as before the window existed: a leak shows best over the longest span.
	window: 'all',
	// Comparable rows by default: a child at 8 % must not draw the bar of a daemon at 300 %.
	sparkScale: 'shared',
};

export type {KeyPress} from './keys.js';

export type RowRef = {readonly key: string; readonly daemon: string; readonly depth: 0 | 1; readonly childCount: number};

export type KeyContext = {
	/** Rows as currently shown, in order. */
	readonly rows: readonly RowRef[];
	/** Rows visible at once, for PgUp/PgDn. */
	readonly pageSize: number;
	/** Lines of the help and how many fit, for scrolling it; without them the help does not scroll. */
	readonly helpLines?: number;
	readonly helpHeight?: number;
	/** Browsing a recording (`wazuh-metrics replay`): its keys work. */
	readonly replay?: boolean;
};

/** The mode on screen, which decides the keys that work (keys.ts). */
export function modeOf(state: UiState, replay: boolean): KeyMode {
	if (state.view === 'detail') {
		return replay ? 'replayDetail' : 'detail';
	}

	return replay ? 'replay' : 'live';
}

/** What the footer says when a key does nothing where it was pressed. */
function notHere(binding: KeyBinding, input: string): string {
	const name = input.length === 1 && input !== ' ' ? input : binding.keys.split(' ')[0]!;
	const where = modesText(binding.modes);
	return where === 'replay'
		? `key ${name} (${binding.action.replace(/^replay: /, '')}) works in replay only`
		: `key ${name} works in ${where} only`;
}

export type UiCommand = 'quit' | 'pause' | 'redraw' | ReplayCommand;

export type KeyResult = {readonly state: UiState; readonly command?: UiCommand};

const sortKeys: Partial<Record<KeyCommand, SortKey>> = {sortCpu: 'cpu', sortMemory: 'memory', sortPid: 'pid', sortName: 'name'};

/** The selected row's index in `rows` (0 when the selected role is not shown), -1 when there are none. */
export function selectedIndex(state: UiState, rows: readonly RowRef[]): number {
	if (rows.length === 0) {
		return -1;
	}

	const index = state.selected === undefined ? -1 : rows.findIndex(row => row.key === state.selected);
	return Math.max(0, index);
}

function moveTo(state: UiState, rows: readonly RowRef[], index: number): UiState {
	if (rows.length === 0) {
		return state;
	}

	const clamped = Math.min(rows.length - 1, Math.max(0, index));
	return {...state, selected: rows[clamped]!.key};
}

/**
 * The selection made explicit: until the user moves, the first row is selected implicitly, and a
 * sort or a cleared filter would then silently move it to another process.
 */
function pinSelection(state: UiState, rows: readonly RowRef[]): UiState {
	const row = rows[selectedIndex(state, rows)];
	return row === undefined || row.key === state.selected ? state : {...state, selected: row.key};
}

function scrollHelp(state: UiState, delta: number, context: KeyContext): UiState {
	const last = Math.max(0, (context.helpLines ?? 0) - Math.max(1, context.helpHeight ?? 1));
	const helpScroll = Math.min(last, Math.max(0, state.helpScroll + delta));
	return helpScroll === state.helpScroll ? state : {...state, helpScroll};
}

function setCollapsed(state: UiState, rows: readonly RowRef[], collapse: boolean | 'toggle'): UiState {
	const row = rows[selectedIndex(state, rows)];
	if (!row || !state.tree) {
		return state;
	}

	const isCollapsed = state.collapsed.has(row.daemon);
	const wanted = collapse === 'toggle' ? !isCollapsed : collapse;
	if (wanted === isCollapsed) {
		return wanted && row.depth === 1 ? {...state, selected: row.daemon} : state;
	}

	const collapsed = new Set(state.collapsed);
	if (wanted) {
		collapsed.add(row.daemon);
	} else {
		collapsed.delete(row.daemon);
	}

	// A hidden child cannot stay selected: the selection moves up to its daemon.
	return {...state, collapsed, selected: wanted ? row.daemon : state.selected};
}

function sortBy(state: UiState, key: SortKey): UiState {
	const descending = state.sort.key === key ? !state.sort.descending : defaultDescending[key];
	return {...state, sort: {key, descending}};
}

function editFilter(state: UiState, input: string, key: KeyPress, rows: readonly RowRef[]): KeyResult {
	if (key.return) {
		return {state: {...state, editing: false}};
	}

	if (key.escape) {
		// The process filtered to stays selected once every row is back.
		return {state: {...pinSelection(state, rows), editing: false, filter: ''}};
	}

	if (key.backspace || key.delete) {
		return {state: {...state, filter: state.filter.slice(0, -1)}};
	}

	if (key.ctrl && input === 'c') {
		return {state, command: 'quit'};
	}

	// Only printable text: arrows and other keys do nothing while typing.
	if (input.length > 0 && !key.ctrl && !key.meta && !key.tab && /^[\P{Cc}]+$/u.test(input)) {
		return {state: {...state, filter: state.filter + input}};
	}

	return {state};
}

/** While the help covers the screen: scroll it, close it; other keys are ignored so nothing changes unseen. */
function helpKey(state: UiState, command: KeyCommand | undefined, context: KeyContext): KeyResult {
	// A page is the height less two: the lines under the `↑ above` and `↓ more` marks of one page are
	// shown on the next, so paging through the help shows every line.
	const page = Math.max(1, (context.helpHeight ?? 1) - 2);
	switch (command) {
		case 'back': {
			return {state: {...state, help: false, helpScroll: 0}};
		}

		case 'up': {
			return {state: scrollHelp(state, -1, context)};
		}

		case 'down': {
			return {state: scrollHelp(state, 1, context)};
		}

		case 'pageUp': {
			return {state: scrollHelp(state, -page, context)};
		}

		// Space pages down, as in less.
		case 'pageDown':
		case 'pause': {
			return {state: scrollHelp(state, page, context)};
		}

		case 'first': {
			return {state: scrollHelp(state, -Number.MAX_SAFE_INTEGER, context)};
		}

		case 'last': {
			return {state: scrollHelp(state, Number.MAX_SAFE_INTEGER, context)};
		}

		default: {
			return {state};
		}
	}
}

/** Applies one key press: the key table (keys.ts) says which command it is, this what it does. */
export function handleKey(shown: UiState, input: string, key: KeyPress, context: KeyContext): KeyResult {
	// The next key takes the footer's note away.
	const state = shown.hint === undefined ? shown : {...shown, hint: undefined};
	const binding = bindingOf(input, key);
	const command = binding?.command;
	if (command === 'redraw') {
		return {state, command: 'redraw'};
	}

	if (state.editing) {
		return editFilter(state, input, key, context.rows);
	}

	if (command === 'quit') {
		return {state, command: 'quit'};
	}

	if (binding !== undefined && !state.help && !binding.modes.includes(modeOf(state, context.replay === true))) {
		return {state: {...state, hint: notHere(binding, input)}};
	}

	if (command !== undefined && (replayCommands as readonly string[]).includes(command) && !state.help) {
		return {state, command: command as ReplayCommand};
	}

	if (command === 'help') {
		return {state: {...state, help: !state.help, helpScroll: 0}};
	}

	if (state.help) {
		return helpKey(state, command, context);
	}

	const {rows} = context;
	const index = selectedIndex(state, rows);
	const page = Math.max(1, context.pageSize);
	const sortKey = command === undefined ? undefined : sortKeys[command];
	switch (command) {
		case 'pause': {
			return {state, command: 'pause'};
		}

		case 'up': {
			return {state: moveTo(state, rows, index - 1)};
		}

		case 'down': {
			return {state: moveTo(state, rows, index + 1)};
		}

		case 'pageUp': {
			return {state: moveTo(state, rows, index - page)};
		}

		case 'pageDown': {
			return {state: moveTo(state, rows, index + page)};
		}

		case 'first': {
			return {state: moveTo(state, rows, 0)};
		}

		case 'last': {
			return {state: moveTo(state, rows, rows.length - 1)};
		}

		case 'back': {
			return state.view === 'detail' ? {state: {...state, view: 'table'}} : {state: {...pinSelection(state, rows), filter: ''}};
		}

		default: {
			break;
		}
	}

	// The keys below act on the table only (the key table says so), but for the charts' window.
	if (state.view === 'detail') {
		return command === 'window'
			? {state: {...state, window: chartWindows[(chartWindows.indexOf(state.window) + 1) % chartWindows.length]!}}
			: {state};
	}

	switch (command) {
		case 'sparkScale': {
			return {state: {...state, sparkScale: state.sparkScale === 'shared' ? 'row' : 'shared'}};
		}

		case 'detail': {
			return rows.length === 0 ? {state} : {state: {...moveTo(state, rows, index), view: 'detail'}};
		}

		case 'filter': {
			return {state: {...state, editing: true}};
		}

		case 'tree': {
			return {state: {...state, tree: !state.tree}};
		}

		case 'collapse': {
			return {state: setCollapsed(state, rows, true)};
		}

		case 'expand': {
			return {state: setCollapsed(state, rows, false)};
		}

		case 'toggleCollapse': {
			return {state: setCollapsed(state, rows, 'toggle')};
		}

		// After a sort the same process stays selected (the table scrolls to keep it in view).
		case 'invert': {
			return {state: {...pinSelection(state, rows), sort: {...state.sort, descending: !state.sort.descending}}};
		}

		default: {
			return sortKey === undefined ? {state} : {state: sortBy(pinSelection(state, rows), sortKey)};
		}
	}
}

/**
 * Applies what one read from the terminal brought. Keys typed faster than the screen answers (over
 * a slow SSH link, or a paste) arrive together as one string: each character is then a key of its
 * own, with Enter, Backspace and Esc recognised, so `/mod⏎` works typed ahead.
 */
export function handleInput(state: UiState, input: string, key: KeyPress, context: KeyContext): {state: UiState; commands: UiCommand[]} {
	const presses: Array<[string, KeyPress]> = input.length > 1 && !key.ctrl && !key.meta
		? [...input].map((character): [string, KeyPress] => {
			switch (character) {
				case '\r':
				case '\n': {
					return ['', {return: true}];
				}

				case '\u007F':
				case '\b': {
					return ['', {backspace: true}];
				}

				case '\u001B': {
					return ['', {escape: true}];
				}

				default: {
					return [character, {}];
				}
			}
		})
		: [[input, key]];
	let current = state;
	const commands: UiCommand[] = [];
	for (const [text, press] of presses) {
		const result = handleKey(current, text, press, context);
		current = result.state;
		if (result.command) {
			commands.push(result.command);
		}

		if (result.command === 'quit') {
			break;
		}
	}

	return {state: current, commands};
}
