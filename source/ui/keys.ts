/**
 * The one key table: what each key does (the `command` handleKey in ui-state.ts acts on), which
 * presses it matches, and how it is documented. The help overlay and the key list of
 * docs/live-view.md are made from it (test/tools/doc-keys.ts writes that list, test/unit/ui/keys.test.ts
 * checks it), so what is documented is what is handled.
 * A new key is one entry here plus its case in handleKey.
 */

/** The subset of Ink's `Key` the handler reads. */
export type KeyPress = {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
	readonly tab?: boolean;
	/** A function key (F1, F10), which Ink's Key does not report: recognised from the raw input. */
	readonly functionKey?: number;
};

export type KeyCommand =
	| 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last'
	| 'detail' | 'window' | 'sparkScale' | 'back' | 'tree' | 'collapse' | 'expand' | 'toggleCollapse' | 'filter' | 'pause'
	| 'sortCpu' | 'sortMemory' | 'sortPid' | 'sortName' | 'invert'
	| 'help' | 'redraw' | 'quit'
	| ReplayCommand;

/** Keys of `wazuh-metrics replay` (the live view ignores them). */
export type ReplayCommand =
	| 'replayBack' | 'replayForward' | 'replayBackMinute' | 'replayForwardMinute' | 'replayBackTen' | 'replayForwardTen'
	| 'replayGoto' | 'replaySpeed' | 'replayStart' | 'replayEnd';

export const replayCommands: readonly ReplayCommand[] = ['replayBack', 'replayForward', 'replayBackMinute', 'replayForwardMinute', 'replayBackTen', 'replayForwardTen', 'replayGoto', 'replaySpeed', 'replayStart', 'replayEnd'];

/**
 * Where a key works: the live table, the live detail view, replay's table, replay's detail view.
 * The help and the footer list only the keys of the mode on screen; a key pressed where it does
 * nothing says so in the footer for a moment (ui-state.ts).
 */
export type KeyMode = 'live' | 'detail' | 'replay' | 'replayDetail';

export const keyModes: readonly KeyMode[] = ['live', 'detail', 'replay', 'replayDetail'];

const everywhere: readonly KeyMode[] = keyModes;
const tables: readonly KeyMode[] = ['live', 'replay'];
const details: readonly KeyMode[] = ['detail', 'replayDetail'];
const replays: readonly KeyMode[] = ['replay', 'replayDetail'];

/** How the modes of a key are said (the help, the docs, the footer's note). */
export function modesText(modes: readonly KeyMode[]): string {
	if (modes.length === keyModes.length) {
		return 'everywhere';
	}

	const same = (set: readonly KeyMode[]) => set.length === modes.length && set.every(mode => modes.includes(mode));
	if (same(tables)) {
		return 'the table';
	}

	if (same(details)) {
		return 'the detail view';
	}

	if (same(replays)) {
		return 'replay';
	}

	return modes.join(', ');
}

export type KeyBinding = {
	readonly command: KeyCommand;
	/** Where it does something. */
	readonly modes: readonly KeyMode[];
	readonly section: 'Move' | 'View' | 'Sort' | 'Replay' | 'Other';
	/** As shown in the help and in docs/live-view.md. */
	readonly keys: string;
	readonly action: string;
	/** Whether a press is this binding's (outside the filter input, which takes text). */
	readonly matches: (input: string, key: KeyPress) => boolean;
};

/** A character key, in either case when `anyCase`; not with Ctrl (Ctrl-C is not `c`). */
const letter = (letters: string, anyCase = false) => (input: string, key: KeyPress) => key.ctrl !== true && input.length === 1 && letters.includes(anyCase ? input.toLowerCase() : input);

export const keyBindings: readonly KeyBinding[] = [
	{command: 'up', modes: everywhere, section: 'Move', keys: '↑ k', action: 'select the previous process (in the detail view too; in the help: scroll)', matches: (input, key) => key.upArrow === true || input === 'k'},
	{command: 'down', modes: everywhere, section: 'Move', keys: '↓ j', action: 'select the next process (in the detail view too; in the help: scroll)', matches: (input, key) => key.downArrow === true || input === 'j'},
	{command: 'pageUp', modes: everywhere, section: 'Move', keys: 'PgUp', action: 'a page up', matches: (_input, key) => key.pageUp === true},
	{command: 'pageDown', modes: everywhere, section: 'Move', keys: 'PgDn', action: 'a page down', matches: (_input, key) => key.pageDown === true},
	{command: 'first', modes: everywhere, section: 'Move', keys: 'g Home', action: 'the first process', matches: (input, key) => key.home === true || input === 'g'},
	{command: 'last', modes: everywhere, section: 'Move', keys: 'G End', action: 'the last process', matches: (input, key) => key.end === true || input === 'G'},
	{command: 'detail', modes: tables, section: 'View', keys: 'Enter', action: 'detail of the selected process: charts of CPU, memory, FD, IO', matches: (_input, key) => key.return === true},
	{command: 'window', modes: details, section: 'View', keys: 'w', action: 'in the detail view: the charts over the last minute, 10 minutes, or the whole history', matches: letter('w')},
	{command: 'sparkScale', modes: tables, section: 'View', keys: 's', action: 'CPU history bars: one scale for every row (the default; the header says its top) / each row to its own peak', matches: letter('s')},
	{command: 'back', modes: everywhere, section: 'View', keys: 'Esc', action: 'back to the table; in the table, clear the filter (the selected process stays selected)', matches: (_input, key) => key.escape === true},
	{command: 'tree', modes: tables, section: 'View', keys: 't', action: 'tree (children under their daemon) / flat list', matches: letter('t')},
	{command: 'collapse', modes: tables, section: 'View', keys: '← -', action: 'collapse the children of the selected daemon', matches: (input, key) => key.leftArrow === true || input === '-'},
	{command: 'expand', modes: tables, section: 'View', keys: '→ +', action: 'expand the children of the selected daemon', matches: (input, key) => key.rightArrow === true || input === '+'},
	{command: 'toggleCollapse', modes: tables, section: 'View', keys: 'c', action: 'collapse or expand the selected daemon; collapsed, its row shows the sum of it and its children (Σ)', matches: letter('c')},
	{command: 'filter', modes: tables, section: 'View', keys: '/', action: 'filter by name or PID as you type; Enter keeps it, Esc clears it (the selected process stays selected)', matches: letter('/')},
	{command: 'pause', modes: everywhere, section: 'View', keys: 'space', action: 'pause the display (recording goes on); again to resume', matches: letter(' ')},
	{command: 'sortCpu', modes: tables, section: 'Sort', keys: 'P', action: 'sort by CPU%; again reverses', matches: letter('p', true)},
	{command: 'sortMemory', modes: tables, section: 'Sort', keys: 'M', action: 'sort by memory (RSS); again reverses', matches: letter('m', true)},
	{command: 'sortPid', modes: tables, section: 'Sort', keys: 'N', action: 'sort by PID; again reverses', matches: letter('n', true)},
	{command: 'sortName', modes: tables, section: 'Sort', keys: 'A', action: 'sort by name (the default); again reverses', matches: letter('a', true)},
	{command: 'invert', modes: tables, section: 'Sort', keys: 'I', action: 'invert the order; sort keys work in either case, and the selected process stays selected and in view', matches: letter('i', true)},
	{command: 'replayBack', modes: replays, section: 'Replay', keys: ',', action: 'replay: one sample back', matches: letter(',')},
	{command: 'replayForward', modes: replays, section: 'Replay', keys: '.', action: 'replay: one sample forward', matches: letter('.')},
	{command: 'replayBackMinute', modes: replays, section: 'Replay', keys: '[', action: 'replay: a minute back', matches: letter('[')},
	{command: 'replayForwardMinute', modes: replays, section: 'Replay', keys: ']', action: 'replay: a minute forward', matches: letter(']')},
	{command: 'replayBackTen', modes: replays, section: 'Replay', keys: '{', action: 'replay: 10 minutes back', matches: letter('{')},
	{command: 'replayForwardTen', modes: replays, section: 'Replay', keys: '}', action: 'replay: 10 minutes forward', matches: letter('}')},
	{command: 'replayGoto', modes: replays, section: 'Replay', keys: 'b', action: 'replay: go to a time (HH:MM[:SS] or YYYY/MM/DD HH:MM[:SS]), like atop', matches: letter('b')},
	{command: 'replayStart', modes: replays, section: 'Replay', keys: '<', action: 'replay: the first sample', matches: letter('<')},
	{command: 'replayEnd', modes: replays, section: 'Replay', keys: '>', action: 'replay: the newest sample; on a folder still being recorded, the cursor then follows the new ones (● LIVE)', matches: letter('>')},
	{command: 'replaySpeed', modes: replays, section: 'Replay', keys: 'x', action: 'replay: speed 1x, 10x, 60x (space plays and pauses)', matches: letter('x')},
	{command: 'help', modes: everywhere, section: 'Other', keys: '? h F1', action: 'this help (Esc or the same key closes it; ↑↓ PgUp PgDn g G scroll it)', matches: (input, key) => input === '?' || input === 'h' || key.functionKey === 1},
	{command: 'redraw', modes: everywhere, section: 'Other', keys: 'Ctrl-L', action: 'clear the terminal and draw the screen again', matches: (input, key) => key.ctrl === true && input === 'l'},
	{command: 'quit', modes: everywhere, section: 'Other', keys: 'q F10 Ctrl-C', action: 'quit; the CSVs are flushed and their folder printed', matches: (input, key) => input === 'q' || key.functionKey === 10 || (key.ctrl === true && input === 'c')},
];

/** The binding a press is, if any: the first that matches. */
export function bindingOf(input: string, key: KeyPress): KeyBinding | undefined {
	return keyBindings.find(binding => binding.matches(input, key));
}

/** The key bindings as shown to the user. */
export type KeyHelp = {readonly keys: string; readonly action: string};

/** The bindings of a mode by section, in table order: the help overlay lists these. */
export function keyHelp(mode: KeyMode): ReadonlyArray<{readonly section: string; readonly bindings: readonly KeyHelp[]}> {
	return ['Move', 'View', 'Sort', 'Replay', 'Other']
		.map(section => ({
			section,
			bindings: keyBindings.filter(binding => binding.section === section && binding.modes.includes(mode)).map(({keys, action}) => ({keys, action})),
		}))
		.filter(({bindings}) => bindings.length > 0);
}

/** A key of the footer: the command it stands for tells that it works in the footer's mode. */
export type FooterKey = KeyHelp & {readonly command: KeyCommand};

/**
 * The footer's short lists, per mode, most used first (the rest is in the help). On a narrow
 * terminal the footer drops them from the end, but `? help` and `q quit` stay (footer-line.ts).
 */
export const footerKeys: Readonly<Record<KeyMode, readonly FooterKey[]>> = {
	live: [
		{command: 'down', keys: '↑↓', action: 'select'},
		{command: 'detail', keys: '⏎', action: 'detail'},
		{command: 'filter', keys: '/', action: 'filter'},
		{command: 'sortCpu', keys: 'P M N', action: 'sort'},
		{command: 'tree', keys: 't', action: 'tree'},
		{command: 'pause', keys: 'space', action: 'pause'},
		{command: 'help', keys: '?', action: 'help'},
		{command: 'quit', keys: 'q', action: 'quit'},
	],
	// Replay's cursor keys first (space plays there), then the table's main ones.
	replay: [
		{command: 'replayBack', keys: ', .', action: 'step'},
		{command: 'replayBackMinute', keys: '[ ]', action: '±1m'},
		{command: 'replayGoto', keys: 'b', action: 'go to'},
		{command: 'replayStart', keys: '< >', action: 'ends'},
		{command: 'pause', keys: 'space', action: 'play'},
		{command: 'detail', keys: '⏎', action: 'detail'},
		{command: 'help', keys: '?', action: 'help'},
		{command: 'quit', keys: 'q', action: 'quit'},
	],
	detail: [
		{command: 'back', keys: 'Esc', action: 'back'},
		{command: 'down', keys: '↑↓', action: 'previous/next process'},
		{command: 'window', keys: 'w', action: 'window'},
		{command: 'pause', keys: 'space', action: 'pause'},
		{command: 'help', keys: '?', action: 'help'},
		{command: 'quit', keys: 'q', action: 'quit'},
	],
	replayDetail: [
		{command: 'back', keys: 'Esc', action: 'back'},
		{command: 'replayBack', keys: ', .', action: 'step'},
		{command: 'replayBackMinute', keys: '[ ]', action: '±1m'},
		{command: 'window', keys: 'w', action: 'window'},
		{command: 'pause', keys: 'space', action: 'play'},
		{command: 'help', keys: '?', action: 'help'},
		{command: 'quit', keys: 'q', action: 'quit'},
	],
};
