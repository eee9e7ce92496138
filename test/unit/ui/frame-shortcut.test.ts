// First, before anything loads Ink (ui-snapshots does): the UI's own guard against Ink's CI mode.
import '../../../source/ui/terminal/ink-outside-ci.js';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {stripVTControlCharacters} from 'node:util';
import test from 'ava';
import xterm from '@xterm/headless';
import {SessionFeed} from '../../../source/model/feed.js';
import {type InkFrame, type InkOutput, composeSimpleFrame, composeWithInk} from '../../../source/ui/terminal/ink-frame-shortcut.js';
import {runUi} from '../../../source/ui/run-ui.js';
import {inkVersionWrittenFor} from '../../../source/ui/terminal/ink-version.js';
import {FakeKeyboard, FakeTerminal, until} from '../../helpers/fake-terminal.js';
import {diskSample, diskSnapshot, fleet, liveStore, sessionInfo} from '../../helpers/ui-snapshots.js';

/*
 * The frame shortcut (source/ui/terminal/ink-frame-shortcut.ts) must draw what Ink's own composition draws.
 * Pure cases first, then every frame of the real screen through its views at three sizes,
 * compared cell by cell (character, width, colours, attributes) in a terminal emulator.
 */

type Write = {type: 'write'; x: number; y: number; text: string; transformers: Array<(line: string, index: number) => string>};
const write = (x: number, y: number, text: string, ...transformers: Write['transformers']): Write => ({type: 'write', x, y, text, transformers});
const output = (width: number, height: number, operations: InkOutput['operations']): InkOutput =>
	({width, height, operations, get: () => ({output: '', height})});
const measure = (text: string): number => [...text].length;

test('rows are the lines as written, at their column, trailing blanks trimmed', t => {
	const frame = composeSimpleFrame(output(10, 4, [write(0, 0, 'top  '), write(2, 2, 'ab')]), measure);
	t.deepEqual(frame, {output: 'top\n\n  ab\n', height: 4});
});

test('a transform replaces the placeholder, called as Ink calls it', t => {
	const calls: Array<[string, number]> = [];
	const frame = composeSimpleFrame(output(10, 1, [write(0, 0, '    ', (line, index) => {
		calls.push([line, index]);
		return '\u001B[1mbold\u001B[0m';
	})]), measure);
	t.is(frame?.output, '\u001B[1mbold\u001B[0m');
	t.deepEqual(calls, [['    ', 0]]);
});

test('writes clipped away vertically or outside the frame are dropped, as Ink drops them', t => {
	const frame = composeSimpleFrame(output(10, 3, [
		{type: 'clip', clip: {y1: 0, y2: 2}},
		write(0, 1, 'in'),
		write(0, 2, 'cut'),
		{type: 'unclip'},
		write(0, 5, 'below'),
	]), measure);
	t.is(frame?.output, '\nin\n');
});

test('frames of another shape are left to Ink', t => {
	const cases: Array<[string, InkOutput['operations']]> = [
		['two writes on one row', [write(0, 0, 'a'), write(4, 0, 'b')]],
		['a multi-line write', [write(0, 0, 'a\nb')]],
		['a write cut by a horizontal clip', [{type: 'clip', clip: {x1: 0, x2: 3}}, write(0, 0, 'abcdef'), {type: 'unclip'}]],
		['a write wider than the frame', [write(8, 0, 'abcd')]],
		['an operation Ink did not have', [{type: 'fill'} as unknown as Write]],
	];
	for (const [what, operations] of cases) {
		t.is(composeSimpleFrame(output(10, 2, operations), measure), undefined, what);
	}
});

/** What a terminal shows for a frame: one string per cell with its character, width, colours and attributes. */
async function picture(frame: InkFrame, columns: number): Promise<string[]> {
	const terminal = new xterm.Terminal({cols: columns, rows: frame.height, allowProposedApi: true});
	await new Promise<void>(resolve => {
		terminal.write(frame.output.replaceAll('\n', '\r\n'), resolve);
	});
	const cells: string[] = [];
	const buffer = terminal.buffer.active;
	for (let y = 0; y < frame.height; y++) {
		const line = buffer.getLine(y);
		for (let x = 0; x < columns; x++) {
			const cell = line?.getCell(x);
			cells.push(cell === undefined
				? `${y}:${x} none`
				: `${y}:${x} ${JSON.stringify(cell.getChars())} w${cell.getWidth()} fg${cell.getFgColorMode()}/${cell.getFgColor()} bg${cell.getBgColorMode()}/${cell.getBgColor()} b${cell.isBold()} d${cell.isDim()} i${cell.isInverse()} u${cell.isUnderline()} it${cell.isItalic()}`);
		}
	}

	terminal.dispose();
	return cells;
}

type Recorded = {width: number; shortcut: InkFrame | undefined; ink: InkFrame};

for (const [columns, rows] of [[80, 24], [120, 40], [200, 60]] as const) {
	test.serial(`every frame of the screen at ${columns}x${rows} through its views is drawn as Ink draws it`, async t => {
		const {default: Output} = await import(new URL('output.js', import.meta.resolve('ink')).href) as {default: {prototype: InkOutput}};
		// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back where it was
		const installed = Output.prototype.get;
		const frames: Recorded[] = [];
		Output.prototype.get = function (this: InkOutput) {
			frames.push({
				width: this.width,
				shortcut: composeSimpleFrame(this, text => this.caches!.getStringWidth!(text)),
				ink: composeWithInk(this),
			});
			return installed.call(this);
		};

		const feed = new SessionFeed();
		const stdout = new FakeTerminal(columns, rows);
		const stdin = new FakeKeyboard();
		const ui = runUi(liveStore(feed), sessionInfo({diskPaths: ['/var/ossec/logs', '/var/ossec/queue']}), {
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
		});
		t.teardown(() => {
			Output.prototype.get = installed;
			ui.unmount();
		});

		// Table, disk panel, tree and flat, sorts, a filter, collapse, the detail view, help, pause.
		const keys = ['j', 'j', 't', 'M', 'I', 't', '/', 'd', 'b', '\r', '\u001B', 'c', 'c', 'G', '\r', 'j', 'k', '\u001B', '?', '?', ' ', ' ', 'N'];
		// A paused screen draws nothing on a tick (visible-view.ts): only the keys' frames then.
		let paused = false;
		let pausedTicks = 0;
		for (let tick = 1; tick <= keys.length; tick++) {
			const shown = frames.length;
			feed.emit('snapshot', fleet(tick, name => (name.length * tick) % 97));
			feed.emit('disk', diskSnapshot(tick, [diskSample('/var/ossec/logs'), diskSample('/var/ossec/queue')]));
			if (paused) {
				pausedTicks++;
			} else {
				await until(() => frames.length > shown, `a frame after tick ${tick}`);
			}

			const beforeKey = frames.length;
			stdin.type(keys[tick - 1]!);
			await until(() => frames.length > beforeKey, `a frame after key ${JSON.stringify(keys[tick - 1])}`);
			if (keys[tick - 1] === ' ') {
				paused = !paused;
			}
		}

		t.is(pausedTicks, 1);
		t.true(frames.length >= (keys.length * 2) - pausedTicks);
		const plainFrames = frames.map(frame => stripVTControlCharacters(frame.ink.output));
		for (const [view, mark] of [['disk panel', '/var/ossec/logs'], ['flat list', 'wazuh-db_child_1'], ['filter', 'filter "db"'], ['detail charts', '┤'], ['help', 'Keys'], ['pause', 'PAUSED']]) {
			t.true(plainFrames.some(frame => frame.includes(mark!)), `the ${view} was drawn`);
		}

		const fellBack = frames.filter(frame => frame.shortcut === undefined).length;
		t.is(fellBack, 0, 'every frame of this screen takes the shortcut');
		for (const [index, frame] of frames.entries()) {
			t.is(frame.shortcut?.height, frame.ink.height, `frame ${index}: height`);
			const [mine, inks] = await Promise.all([picture(frame.shortcut!, frame.width), picture(frame.ink, frame.width)]);
			const differing = mine.filter((cell, at) => cell !== inks[at]);
			t.deepEqual(differing, [], `frame ${index}: cells that differ from Ink's (first ones of ${differing.length})`);
		}
	});
}

test('the installed Ink is the one source/ui/terminal/ was written for, and package.json pins it', t => {
	const installed = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), '..', 'package.json'), 'utf8')) as {version: string};
	const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {dependencies: Record<string, string>};
	t.is(installed.version, inkVersionWrittenFor);
	t.is(manifest.dependencies.ink, inkVersionWrittenFor, 'an exact pin, not a range');
});
