import test from 'ava';
import {asciiGlyphs, utf8Glyphs} from '../../../source/ui/glyphs.js';
import {footerLine} from '../../../source/ui/footer-line.js';
import {allHelpLines} from '../../../source/ui/help-lines.js';
import {footerKeys, keyBindings, keyHelp, type KeyMode, keyModes, type KeyPress} from '../../../source/ui/keys.js';
import {buildRows} from '../../../source/ui/table-rows.js';
import {fitLine, type Segment} from '../../../source/ui/text.js';
import {handleKey, initialUiState, type KeyContext, modeOf, type UiState} from '../../../source/ui/ui-state.js';
import {seededRandom} from '../../helpers/random.js';
import {lineText} from '../../helpers/ui-lines.js';
import {fleet} from '../../helpers/ui-snapshots.js';

/** The presses a binding documents, read from its `keys` as the help shows them (`↑ k`, `Ctrl-L`, `F10`). */
function pressesOf(keys: string): Array<[string, KeyPress]> {
	const named: Record<string, KeyPress> = {
		'↑': {upArrow: true}, '↓': {downArrow: true}, '←': {leftArrow: true}, '→': {rightArrow: true},
		PgUp: {pageUp: true}, PgDn: {pageDown: true}, Home: {home: true}, End: {end: true},
		Enter: {return: true}, Esc: {escape: true}, F1: {functionKey: 1}, F10: {functionKey: 10},
	};
	return keys.split(' ').map((token): [string, KeyPress] => {
		if (token === 'space') {
			return [' ', {}];
		}

		const ctrl = /^Ctrl-(.)$/.exec(token);
		if (ctrl) {
			return [ctrl[1]!.toLowerCase(), {ctrl: true}];
		}

		return named[token] === undefined ? [token, {}] : ['', named[token]];
	});
}

/** A few states of each mode: a key must do something visible in at least one of them. */
function statesOf(mode: KeyMode): UiState[] {
	const view = mode === 'detail' || mode === 'replayDetail' ? 'detail' : 'table';
	const base: UiState = {...initialUiState, view, selected: 'wazuh-db', filter: 'wazuh'};
	return [base, {...base, collapsed: new Set(['wazuh-db'])}, {...base, selected: 'wazuh-db_child_1'}];
}

function contextOf(state: UiState, mode: KeyMode): KeyContext {
	return {
		rows: buildRows(fleet(), {tree: state.tree, sort: state.sort, filter: state.filter, collapsed: state.collapsed}),
		pageSize: 2,
		replay: mode === 'replay' || mode === 'replayDetail',
	};
}

test('every key listed in a mode does something there; every other key says where it works instead', t => {
	for (const mode of keyModes) {
		for (const binding of keyBindings) {
			for (const [input, press] of pressesOf(binding.keys)) {
				const results = statesOf(mode).map(state => {
					t.is(modeOf(state, contextOf(state, mode).replay === true), mode);
					return {state, result: handleKey(state, input, press, contextOf(state, mode))};
				});
				const label = `${mode}: ${binding.keys} (${JSON.stringify([input, press])})`;
				if (binding.modes.includes(mode)) {
					t.true(results.some(({state, result}) => result.command !== undefined || JSON.stringify({...result.state, collapsed: [...result.state.collapsed]}) !== JSON.stringify({...state, collapsed: [...state.collapsed]})), `${label} does something`);
					t.true(results.every(({result}) => result.state.hint === undefined), `${label} has no note`);
				} else {
					for (const {state, result} of results) {
						t.is(result.command, undefined, label);
						t.deepEqual({...result.state, hint: undefined}, {...state, hint: undefined}, `${label} changes nothing`);
						t.regex(result.state.hint ?? '', / works in .* only$/, label);
					}
				}
			}
		}
	}
});

test('the next key takes the note away', t => {
	const context = contextOf(initialUiState, 'live');
	const noted = handleKey(initialUiState, ',', {}, context).state;
	t.is(noted.hint, 'key , (one sample back) works in replay only');
	t.is(handleKey(noted, 'j', {}, context).state.hint, undefined);
	t.is(handleKey({...initialUiState, view: 'detail'}, 's', {}, context).state.hint, 'key s works in the table only');
});

test('the footer and the help of a mode list only keys that work in that mode, and the help lists them all', t => {
	for (const mode of keyModes) {
		for (const key of footerKeys[mode]) {
			t.true(keyBindings.find(binding => binding.command === key.command)!.modes.includes(mode), `${mode}: ${key.keys} ${key.action}`);
		}

		const listed = keyHelp(mode).flatMap(({bindings}) => bindings.map(binding => binding.keys));
		t.deepEqual(listed, keyBindings.filter(binding => binding.modes.includes(mode)).map(binding => binding.keys), mode);
		const help = allHelpLines(200, {mode}).map(line => lineText(line)).join('\n');
		for (const binding of keyBindings) {
			t.is(help.includes(binding.action), binding.modes.includes(mode), `${mode}: ${binding.keys}`);
		}
	}

	t.true(allHelpLines(200, {mode: 'live'}).map(line => lineText(line)).every(line => !line.includes('replay:')), 'no replay key in the live help');
});

test('the footer fits any width (seeded): exactly its width, ? help and q quit always, the other keys dropped from the end', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	for (let round = 0; round < 600; round++) {
		const mode = keyModes[random.int(keyModes.length)]!;
		const glyphs = random.int(2) === 0 ? utf8Glyphs : asciiGlyphs;
		const width = 14 + random.int(200);
		const state: UiState = {
			...initialUiState,
			view: mode === 'detail' || mode === 'replayDetail' ? 'detail' : 'table',
			filter: random.int(3) === 0 ? 'x'.repeat(1 + random.int(40)) : '',
			hint: random.int(4) === 0 ? 'key , (one sample back) works in replay only' : undefined,
		};
		const text = glyphs.line(lineText(footerLine(state, width, mode === 'replay' || mode === 'replayDetail', glyphs)));
		const label = `${mode} ${glyphs.charset} ${width}: ${text}`;
		t.is(text.length, width, label);
		t.true(text.includes('? help  q quit'), label);
		if (glyphs === asciiGlyphs) {
			t.true([...Buffer.from(text)].every(byte => byte <= 0x7F), label);
		}

		if (state.hint === undefined) {
			// The keys shown are the first of the mode's list: what is dropped comes from its end.
			const optional = footerKeys[mode].filter(key => key.command !== 'help' && key.command !== 'quit');
			const shown = optional.filter(key => text.includes(`${glyphs.text(key.keys)} ${glyphs.text(key.action)}`));
			t.deepEqual(shown, optional.slice(0, shown.length), label);
			if (width >= 200) {
				t.is(shown.length, optional.length, `${label}: all at 200 columns`);
			}
		}
	}
});

test('a cut line ends with … when text was cut off, never when only blanks were (seeded)', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const pieces = ['wazuh', ' ', '   ', 'analysisd', '', '12.3M', 'x'];
	for (let round = 0; round < 2000; round++) {
		const segments: Segment[] = Array.from({length: random.int(6)}, () => ({text: pieces[random.int(pieces.length)]!, bold: random.int(2) === 0}));
		const full = segments.map(segment => segment.text).join('');
		const width = random.int(full.length + 4);
		const fitted = fitLine(segments, width);
		const text = lineText(fitted);
		const label = `${JSON.stringify(full)} in ${width}: ${JSON.stringify(text)}`;
		t.is(text.length, width, label);
		if (full.length <= width) {
			t.is(text, full.padEnd(width), label);
		} else if (full.slice(width).trim() === '' || width === 0) {
			t.is(text, full.slice(0, width), label);
		} else {
			t.is(text, `${full.slice(0, width - 1)}…`, label);
		}
	}
});
