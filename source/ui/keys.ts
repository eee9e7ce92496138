/**
 * The key bindings as shown to the user: the help overlay, the footer and the README list these,
 * so what is documented is what `handleKey` (ui-state.ts) is tested to do.
 */
export type KeyHelp = {readonly keys: string; readonly action: string};

export const keyHelp: ReadonlyArray<{readonly section: string; readonly bindings: readonly KeyHelp[]}> = [
	{
		section: 'Move',
		bindings: [
			{keys: '↑ ↓  k j', action: 'select a process (in the detail view: the previous/next one)'},
			{keys: 'PgUp PgDn g G', action: 'a page up / down; first / last process (also Home End)'},
		],
	},
	{
		section: 'View',
		bindings: [
			{keys: 'Enter', action: 'detail of the selected process: charts of CPU, memory, FD, IO'},
			{keys: 'Esc', action: 'back to the table; in the table, clear the filter'},
			{keys: 't', action: 'tree (children under their daemon) / flat list'},
			{keys: '← -  → +', action: 'collapse / expand the children of the selected daemon'},
			{keys: 'c', action: 'collapse or expand the selected daemon; collapsed, its row shows the sum of it and its children (Σ)'},
			{keys: '/', action: 'filter by name or PID as you type; Enter keeps it, Esc clears it (the selected process stays selected)'},
			{keys: 'space', action: 'pause the display (recording goes on); again to resume'},
		],
	},
	{
		section: 'Sort',
		bindings: [
			{keys: 'P M N A', action: 'by CPU%, memory (RSS), PID, name (default); either case; the selected process stays selected'},
			{keys: 'I', action: 'invert the order (pressing the same sort key again does too)'},
		],
	},
	{
		section: 'Other',
		bindings: [
			{keys: '?  h  F1', action: 'this help (Esc or the same key closes it; ↑↓ PgUp PgDn scroll it)'},
			{keys: 'Ctrl-L', action: 'redraw the screen'},
			{keys: 'q  F10  Ctrl-C', action: 'quit; the CSVs are flushed and their folder printed'},
		],
	},
];

/** The footer's short list, most used first; it fits 80 columns (the rest is in the help). */
export const footerKeys: readonly KeyHelp[] = [
	{keys: '↑↓', action: 'select'},
	{keys: '⏎', action: 'detail'},
	{keys: '/', action: 'filter'},
	{keys: 'P M N', action: 'sort'},
	{keys: 't', action: 'tree'},
	{keys: 'space', action: 'pause'},
	{keys: '?', action: 'help'},
	{keys: 'q', action: 'quit'},
];

export const detailFooterKeys: readonly KeyHelp[] = [
	{keys: 'Esc', action: 'back'},
	{keys: '↑↓', action: 'previous/next process'},
	{keys: 'space', action: 'pause'},
	{keys: '?', action: 'help'},
	{keys: 'q', action: 'quit'},
];
