import fs from 'node:fs';
import test from 'ava';
import {keyBindings} from '../../../source/ui/keys.js';
import {buildRows} from '../../../source/ui/table-rows.js';
import {handleInput, handleKey, initialUiState, type KeyContext, type KeyPress, selectedIndex, type UiCommand, type UiState, windowSamples} from '../../../source/ui/ui-state.js';
import {readmeKeyTable} from '../../helpers/key-table.js';
import {fleet} from '../../helpers/ui-snapshots.js';

function contextFor(state: UiState): KeyContext {
	return {rows: buildRows(fleet(), {tree: state.tree, sort: state.sort, filter: state.filter, collapsed: state.collapsed}), pageSize: 4};
}

/** Presses keys one after the other; a string is typed, an object is a special key. */
function press(state: UiState, ...inputs: Array<string | KeyPress>) {
	let current = state;
	let command: string | undefined;
	for (const input of inputs) {
		const result = typeof input === 'string'
			? handleKey(current, input, {}, contextFor(current))
			: handleKey(current, '', input, contextFor(current));
		current = result.state;
		command = result.command ?? command;
	}

	return {state: current, command, row: contextFor(current).rows[selectedIndex(current, contextFor(current).rows)]?.key};
}

test('the first row is selected until the user moves', t => {
	t.is(press(initialUiState).row, 'wazuh-analysisd');
	t.is(press(initialUiState, {downArrow: true}).row, 'wazuh-db');
	t.is(press(initialUiState, 'j', 'j', 'k').row, 'wazuh-db');
	t.is(press(initialUiState, {upArrow: true}).row, 'wazuh-analysisd', 'stops at the top');
});

test('paging and jumping to the ends', t => {
	t.is(press(initialUiState, {pageDown: true}).row, 'wazuh-modulesd_child_1');
	t.is(press(initialUiState, 'G').row, 'wazuh_apid.py_child_2');
	t.is(press(initialUiState, {end: true}, {home: true}).row, 'wazuh-analysisd');
	t.is(press(initialUiState, 'G', 'g').row, 'wazuh-analysisd');
});

test('the selection follows its process when the order changes', t => {
	const {state} = press(initialUiState, 'j', 'j');
	t.is(state.selected, 'wazuh-db_child_1');
	t.is(press(state, 'N').row, 'wazuh-db_child_1');
});

test('after a sort the same process stays selected, even one selected by default', t => {
	// Nothing pressed yet: the first row (wazuh-analysisd) is selected only implicitly.
	const sorted = press(initialUiState, 'I');
	t.is(sorted.row, 'wazuh-analysisd', 'still wazuh-analysisd, now at the bottom');
	t.not(contextFor(sorted.state).rows[0]!.key, 'wazuh-analysisd');
	t.is(press(initialUiState, 'N').row, 'wazuh-analysisd');
	t.is(press(initialUiState, 'P', 'M', 'A', 'I').row, 'wazuh-analysisd');
});

test('a filter cleared with Esc keeps the selection on the process filtered to', t => {
	for (const clear of [[{return: true}, {escape: true}], [{escape: true}]] as KeyPress[][]) {
		const filtered = press(initialUiState, '/', 'a', 'p', 'i', 'd', ...clear);
		t.is(filtered.state.filter, '');
		t.false(filtered.state.editing);
		t.is(filtered.row, 'wazuh_apid.py', 'the row that was selected under the filter');
	}
});

test('h, ? and F1 open the help; arrows and pages scroll it within its length; Esc closes it', t => {
	const context = (state: UiState): KeyContext => ({...contextFor(state), helpLines: 30, helpHeight: 10});
	const key = (state: UiState, input: string, press: KeyPress = {}) => handleKey(state, input, press, context(state)).state;
	for (const open of [key(initialUiState, 'h'), key(initialUiState, '?'), key(initialUiState, '', {functionKey: 1})]) {
		t.true(open.help);
		t.is(open.helpScroll, 0);
		t.is(key(open, '', {downArrow: true}).helpScroll, 1);
		t.is(key(open, '', {pageDown: true}).helpScroll, 8, 'a page less the two marked lines');
		t.is(key(key(open, '', {pageDown: true}), '', {pageDown: true}).helpScroll, 16);
		t.is(key(key(key(open, '', {pageDown: true}), '', {pageDown: true}), '', {pageDown: true}).helpScroll, 20, 'stops at the last screen');
		t.is(key(open, 'G').helpScroll, 20);
		t.is(key(key(open, 'G'), 'g').helpScroll, 0);
		t.is(key(open, '', {upArrow: true}).helpScroll, 0, 'stops at the top');
		t.false(key(open, '', {escape: true}).help);
		t.false(key(open, 'h').help);
		t.false(key(open, '', {functionKey: 1}).help);
		t.is(key(key(key(open, '', {downArrow: true}), 'h'), 'h').helpScroll, 0, 'opened again at the top');
	}
});

test('F10 quits (not while typing a filter: it is not text), Ctrl-L asks for a redraw', t => {
	t.is(handleKey(initialUiState, '', {functionKey: 10}, contextFor(initialUiState)).command, 'quit');
	t.is(handleKey({...initialUiState, help: true}, '', {functionKey: 10}, contextFor(initialUiState)).command, 'quit');
	t.is(handleKey({...initialUiState, editing: true}, '', {functionKey: 10}, contextFor(initialUiState)).command, undefined);
	const redraw = handleKey(initialUiState, 'l', {ctrl: true}, contextFor(initialUiState));
	t.is(redraw.command, 'redraw');
	t.is(redraw.state, initialUiState);
	t.is(handleKey(initialUiState, 'l', {}, contextFor(initialUiState)).command, undefined);
});

test('Enter opens the detail of the selected process, Esc goes back, arrows move inside it', t => {
	const detail = press(initialUiState, 'j', {return: true});
	t.is(detail.state.view, 'detail');
	t.is(detail.row, 'wazuh-db');
	t.is(press(detail.state, {downArrow: true}).state.selected, 'wazuh-db_child_1');
	t.is(press(detail.state, {escape: true}).state.view, 'table');
	t.is(press(detail.state, 't').state.tree, true, 'table keys do nothing in the detail view');
});

test('sort keys, either case; the same key again reverses; I inverts', t => {
	t.deepEqual(press(initialUiState, 'P').state.sort, {key: 'cpu', descending: true});
	t.deepEqual(press(initialUiState, 'p').state.sort, {key: 'cpu', descending: true});
	t.deepEqual(press(initialUiState, 'P', 'P').state.sort, {key: 'cpu', descending: false});
	t.deepEqual(press(initialUiState, 'M').state.sort, {key: 'memory', descending: true});
	t.deepEqual(press(initialUiState, 'N').state.sort, {key: 'pid', descending: false});
	t.deepEqual(press(initialUiState, 'P', 'A').state.sort, {key: 'name', descending: false});
	t.deepEqual(press(initialUiState, 'I').state.sort, {key: 'name', descending: true});
});

test('the filter applies as it is typed; Enter keeps it, Esc clears it', t => {
	const typing = press(initialUiState, '/', 'c', 'h', 'i', 'l', 'd', '_', '3');
	t.true(typing.state.editing);
	t.is(typing.state.filter, 'child_3');
	t.is(typing.row, 'wazuh-modulesd');
	t.is(press(typing.state, 'q').state.filter, 'child_3q', 'q is typed, not quit');
	t.is(press(typing.state, {backspace: true}).state.filter, 'child_');
	const kept = press(typing.state, {return: true});
	t.false(kept.state.editing);
	t.is(kept.state.filter, 'child_3');
	t.is(press(kept.state, {escape: true}).state.filter, '');
	t.is(press(typing.state, {escape: true}).state.filter, '');
	t.is(press(typing.state, {ctrl: true, escape: false}, {upArrow: true}).state.filter, 'child_3', 'other keys do nothing while typing');
});

test('children collapse and expand; a hidden child hands the selection to its daemon', t => {
	const onModulesd = press(initialUiState, 'j', 'j', 'j');
	t.is(onModulesd.row, 'wazuh-modulesd');
	const collapsed = press(onModulesd.state, {leftArrow: true});
	t.true(collapsed.state.collapsed.has('wazuh-modulesd'));
	t.is(press(collapsed.state, {rightArrow: true}).state.collapsed.has('wazuh-modulesd'), false);
	t.is(press(collapsed.state, 'c').state.collapsed.has('wazuh-modulesd'), false);
	const onChild = press(onModulesd.state, 'j', '-');
	t.true(onChild.state.collapsed.has('wazuh-modulesd'));
	t.is(onChild.row, 'wazuh-modulesd');
});

test('t toggles tree and flat; space pauses; ? toggles help; q and Ctrl-C quit', t => {
	t.false(press(initialUiState, 't').state.tree);
	t.is(press(initialUiState, ' ').command, 'pause');
	t.true(press(initialUiState, '?').state.help);
	t.false(press(initialUiState, '?', '?').state.help);
	t.false(press(initialUiState, '?', {escape: true}).state.help);
	t.is(press(initialUiState, '?', 'j').state.selected, undefined, 'keys under the help do nothing');
	t.is(press(initialUiState, 'q').command, 'quit');
	t.is(handleKey(initialUiState, 'c', {ctrl: true}, contextFor(initialUiState)).command, 'quit');
	t.is(press(initialUiState, '?', 'q').command, 'quit');
});

test('keys on an empty table do nothing', t => {
	const empty: KeyContext = {rows: [], pageSize: 5};
	for (const key of [{downArrow: true}, {return: true}, {leftArrow: true}] as KeyPress[]) {
		const result = handleKey(initialUiState, '', key, empty);
		t.is(result.state.view, 'table');
		t.is(result.state.selected, undefined);
	}
});

test('keys typed ahead arrive together and are applied one by one', t => {
	const typed = handleInput(initialUiState, '/mod\r', {}, contextFor(initialUiState));
	t.is(typed.state.filter, 'mod');
	t.false(typed.state.editing);
	t.is(handleInput(initialUiState, 'jj', {}, contextFor(initialUiState)).state.selected, 'wazuh-db_child_1');
	t.is(handleInput(initialUiState, '/abc\u007F\u001B', {}, contextFor(initialUiState)).state.filter, '');
	t.deepEqual(handleInput(initialUiState, ' q j', {}, contextFor(initialUiState)).commands, ['pause', 'quit'], 'nothing after quit');
	t.is(handleInput(initialUiState, 'P', {}, contextFor(initialUiState)).state.sort.key, 'cpu', 'one key is one key');
});

test('the key list of docs/live-view.md is the key table', t => {
	const page = fs.readFileSync('docs/live-view.md', 'utf8');
	const block = /<!-- keys: [^\n]*-->\n([\s\S]*?)\n<!-- \/keys -->/.exec(page);
	t.truthy(block, 'the marked key list in docs/live-view.md');
	t.is(block?.[1], readmeKeyTable(), 'regenerate it from keyBindings (source/ui/keys.ts): node --import=tsx test/tools/doc-keys.ts');
});

test('every documented key does what its binding says, and no two bindings share a press', t => {
	// Each key as it is documented, as the terminal delivers it (Ink's parsing: input and flags).
	const presses: Record<string, Array<[string, KeyPress]>> = {
		'↑ k': [['', {upArrow: true}], ['k', {}]],
		'↓ j': [['', {downArrow: true}], ['j', {}]],
		PgUp: [['', {pageUp: true}]],
		PgDn: [['', {pageDown: true}]],
		'g Home': [['g', {}], ['', {home: true}]],
		'G End': [['G', {}], ['', {end: true}]],
		Enter: [['', {return: true}]],
		Esc: [['', {escape: true}]],
		t: [['t', {}]],
		'← -': [['', {leftArrow: true}], ['-', {}]],
		'→ +': [['', {rightArrow: true}], ['+', {}]],
		c: [['c', {}]],
		w: [['w', {}]],
		s: [['s', {}]],
		'/': [['/', {}]],
		space: [[' ', {}]],
		P: [['P', {}], ['p', {}]],
		M: [['M', {}], ['m', {}]],
		N: [['N', {}], ['n', {}]],
		A: [['A', {}], ['a', {}]],
		I: [['I', {}], ['i', {}]],
		',': [[',', {}]],
		'.': [['.', {}]],
		'[': [['[', {}]],
		']': [[']', {}]],
		'{': [['{', {}]],
		'}': [['}', {}]],
		b: [['b', {}]],
		x: [['x', {}]],
		'<': [['<', {}]],
		'>': [['>', {}]],
		'? h F1': [['?', {}], ['h', {}], ['', {functionKey: 1}]],
		'Ctrl-L': [['l', {ctrl: true}]],
		'q F10 Ctrl-C': [['q', {}], ['', {functionKey: 10}], ['c', {ctrl: true}]],
	};
	t.deepEqual(Object.keys(presses).sort(), keyBindings.map(binding => binding.keys).sort(), 'every binding has its presses here');
	for (const binding of keyBindings) {
		for (const [input, key] of presses[binding.keys]!) {
			t.deepEqual(keyBindings.filter(each => each.matches(input, key)).map(each => each.command), [binding.command], `${binding.keys}: ${JSON.stringify([input, key])}`);
		}
	}
});

test('w cycles the detail charts\' window: whole history, last minute, last 10 minutes; only in the detail view', t => {
	const context = {rows: [{key: 'wazuh-db', daemon: 'wazuh-db', depth: 0 as const, childCount: 0}], pageSize: 10};
	const detail = {...initialUiState, view: 'detail' as const};
	t.is(detail.window, 'all');
	const seen = [];
	let state: UiState = detail;
	for (let press = 0; press < 3; press++) {
		state = handleKey(state, 'w', {}, context).state;
		seen.push(state.window);
	}

	t.deepEqual(seen, ['1 min', '10 min', 'all']);
	t.is(handleKey(initialUiState, 'w', {}, context).state.window, 'all', 'the table has no charts: w does nothing there');
	t.is(windowSamples('1 min', 0.5, 3600), 120);
	t.is(windowSamples('10 min', 1, 3600), 600);
	t.is(windowSamples('all', 1, 3600), 3600);
	t.is(windowSamples('10 min', 1, 300), 300, 'never more than the history keeps');
});

test('s switches the CPU bars between one scale for all rows (the default) and each row\'s own', t => {
	const context = {rows: [], pageSize: 10};
	t.is(initialUiState.sparkScale, 'shared');
	const row = handleKey(initialUiState, 's', {}, context).state;
	t.is(row.sparkScale, 'row');
	t.is(handleKey(row, 's', {}, context).state.sparkScale, 'shared');
});

test('replay keys are commands for the replay cursor, in the table and in the detail view; not while typing a filter', t => {
	const context = {rows: [{key: 'wazuh-db', daemon: 'wazuh-db', depth: 0 as const, childCount: 0}], pageSize: 10, replay: true};
	const expected: Record<string, UiCommand> = {',': 'replayBack', '.': 'replayForward', '[': 'replayBackMinute', ']': 'replayForwardMinute', '{': 'replayBackTen', '}': 'replayForwardTen', b: 'replayGoto', x: 'replaySpeed', '<': 'replayStart', '>': 'replayEnd'};
	for (const [input, command] of Object.entries(expected)) {
		t.is(handleKey(initialUiState, input, {}, context).command, command, input);
		t.is(handleKey({...initialUiState, view: 'detail'}, input, {}, context).command, command, `${input} in the detail view`);
		t.is(handleKey({...initialUiState, editing: true}, input, {}, context).command, undefined, `${input} while filtering`);
	}
});
