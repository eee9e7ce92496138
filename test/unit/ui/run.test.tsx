/** @jsxRuntime automatic */
// First, before anything loads Ink (ui-snapshots does): the UI's own guard against Ink's CI mode.
import '../../../source/ui/terminal/ink-outside-ci.js';
import test, {type ExecutionContext} from 'ava';
import {SessionFeed} from '../../../source/model/feed.js';
import type {Snapshot} from '../../../source/model/snapshot.js';
import {HistoryStore} from '../../../source/model/history-store.js';
import {runUi} from '../../../source/ui/run-ui.js';
import {FakeKeyboard, FakeTerminal, plain, until} from '../../helpers/fake-terminal.js';
import {daemonState, fleet, liveStore, sessionInfo} from '../../helpers/ui-snapshots.js';

// Serial: each UI captures the global console while it runs.

/** A daemon state without its list of unreadable fields cannot be drawn: stands for a bug in a view. */
const broken = (): Snapshot => ({...fleet(2), daemons: [{...daemonState('wazuh-db'), unreadable: undefined as unknown as string[]}]});

function start(t: {teardown: (fn: () => void) => void}, columns = 120, rows = 40, onCrash?: (error: Error) => void, keyboard = true) {
	const feed = new SessionFeed();
	const stdout = new FakeTerminal(columns, rows);
	const stdin = new FakeKeyboard();
	// Like process.stdin from /dev/null: no isTTY at all.
	if (!keyboard) {
		(stdin as {isTTY?: boolean}).isTTY = undefined;
	}

	const ui = runUi(liveStore(feed), sessionInfo(), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		onCrash,
	});
	// A failed assertion must not leave the console captured for the next test.
	t.teardown(() => {
		ui.unmount();
	});
	return {feed, stdout, stdin, ui};
}

/** Once the screen is gone, what still reaches the model draws nothing (the store's subscription is released). */
async function drawsNothingMore(t: ExecutionContext, feed: SessionFeed, stdout: FakeTerminal): Promise<void> {
	const before = stdout.output.length;
	feed.emit('snapshot', fleet(2));
	feed.emit('notice', {kind: 'monitor-warning', level: 'warn', message: 'after the screen'});
	await new Promise(resolve => {
		setTimeout(resolve, 100);
	});
	t.is(stdout.output.length, before, 'nothing written after the screen is gone');
}

test.serial('draws the feed, quits on q with the terminal restored and the screen no longer drawing', async t => {
	const {feed, stdout, stdin, ui} = start(t);
	feed.emit('snapshot', fleet(1));
	await until(() => plain(stdout.output).includes('wazuh-modulesd'), 'the table');
	t.true(stdin.rawMode, 'keys are read in raw mode while the UI runs');
	t.true(stdout.output.includes('\u001B[?25l'), 'the cursor is hidden');
	stdin.type('q');
	await ui.exited;
	t.false(stdin.rawMode);
	t.true(stdout.output.lastIndexOf('\u001B[?25h') > stdout.output.lastIndexOf('\u001B[?25l'), 'the cursor is shown again');
	await drawsNothingMore(t, feed, stdout);
	ui.unmount();
	t.pass('unmount after quitting is harmless');
});

test.serial('the terminal is in raw mode before the first frame is written: a key typed as soon as the screen shows is read whole', t => {
	// Ink turns raw mode on in an effect, after its first frame is out. A key typed in between (a
	// replay or a late-loading screen shows its table in that very first frame) met a terminal still
	// in line mode: Enter arrived as "\n", which Ink does not read as Enter, and was lost.
	const feed = new SessionFeed();
	const stdin = new FakeKeyboard();
	const rawAtWrites: boolean[] = [];
	const stdout = new FakeTerminal(120, 40);
	const write = stdout.write.bind(stdout);
	stdout.write = (data: string, callback?: () => void): boolean => {
		rawAtWrites.push(stdin.rawMode);
		return write(data, callback);
	};

	const ui = runUi(liveStore(feed), sessionInfo(), {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream});
	t.teardown(() => {
		ui.unmount();
	});
	t.true(rawAtWrites.length > 0, 'runUi draws its first frame at once');
	t.true(rawAtWrites.every(Boolean), `raw mode at each write: ${rawAtWrites.join(' ')}`);
	ui.unmount();
	t.false(stdin.rawMode, 'and off again once the screen is gone');
});

test.serial('Ctrl-C quits too (Ink does not exit by itself)', async t => {
	const {feed, stdout, stdin, ui} = start(t);
	feed.emit('snapshot', fleet(1));
	await until(() => plain(stdout.output).includes('wazuh-modulesd'), 'the table');
	stdin.type('\u0003');
	await ui.exited;
	t.false(stdin.rawMode);
});

test.serial('unmount from the caller (a signal) restores the terminal', async t => {
	const {feed, stdout, stdin, ui} = start(t);
	feed.emit('snapshot', fleet(1));
	await until(() => stdin.rawMode, 'raw mode');
	ui.unmount();
	t.false(stdin.rawMode);
	await drawsNothingMore(t, feed, stdout);
	t.true(stdout.output.lastIndexOf('\u001B[?25h') > stdout.output.lastIndexOf('\u001B[?25l'));
});

test.serial('a rendering error calls onCrash after restoring the terminal', async t => {
	const crashes: Error[] = [];
	let rawModeAtCrash: boolean | undefined;
	const {feed, stdout, stdin, ui} = start(t, 120, 40, error => {
		crashes.push(error);
		rawModeAtCrash = stdin.rawMode;
	});
	feed.emit('snapshot', fleet(1));
	await until(() => stdin.rawMode, 'raw mode');
	feed.emit('snapshot', broken());
	await until(() => crashes.length > 0, 'the crash');
	t.is(crashes.length, 1);
	t.false(rawModeAtCrash);
	await drawsNothingMore(t, feed, stdout);
	ui.unmount();
});

test.serial('a rendering error in the very first frame (before Ink\'s effects ran) still leaves the terminal out of raw mode', async t => {
	const crashes: Error[] = [];
	const stdin = new FakeKeyboard();
	const stdout = new FakeTerminal(120, 40);
	// The history already holds a snapshot no view can draw: the first frame fails.
	const store = new HistoryStore({schedule: flush => flush()});
	store.addSnapshot(broken());
	const ui = runUi(store, sessionInfo(), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		onCrash: error => {
			crashes.push(error);
		},
	});
	t.teardown(() => {
		ui.unmount();
	});
	await until(() => crashes.length > 0, 'the crash');
	t.false(stdin.rawMode);
});

test.serial('without onCrash, exited rejects with the error', async t => {
	const {feed, stdin, ui} = start(t);
	feed.emit('snapshot', fleet(1));
	await until(() => stdin.rawMode, 'raw mode');
	feed.emit('snapshot', broken());
	await t.throwsAsync(ui.exited, {instanceOf: TypeError});
});

test.serial('a resize redraws at the new size without clearing the terminal', async t => {
	const {feed, stdout, ui} = start(t, 120, 40);
	feed.emit('snapshot', fleet(1));
	await until(() => plain(stdout.output).includes('SWAP'), 'the wide table');
	const before = stdout.output.length;
	stdout.resize(80, 24);
	feed.emit('snapshot', fleet(2));
	await until(() => plain(stdout.output.slice(before)).includes('2025/01/01 12:00:02'), 'a frame at the new size');
	const frames = stdout.output.slice(before).split('\u001B[?2026h').slice(1)
		.map(block => plain(block.split('\u001B[?2026l')[0]!).replace(/\n$/, '').split('\n'));
	t.true(frames.length > 0);
	for (const frame of frames) {
		t.true(frame.length <= 23, `a frame of ${frame.length} lines`);
		t.true(frame.every(line => line.length <= 80));
	}

	t.false(frames.at(-1)!.join('\n').includes('SWAP'), 'columns that do not fit are gone');
	t.false(stdout.output.includes('\u001B[2J'), 'never clears the screen');
	t.false(stdout.output.includes('\u001B[3J'), 'never clears the scrollback');
	ui.unmount();
});

test.serial('console output while the UI runs becomes a notice, not text over the frame', async t => {
	const original = console.warn;
	const {feed, stdout, ui} = start(t);
	feed.emit('snapshot', fleet(1));
	await until(() => plain(stdout.output).includes('wazuh-modulesd'), 'the table');
	console.warn('something from a dependency');
	await until(() => plain(stdout.output).includes('▲ something from a dependency'), 'the notice');
	t.not(console.warn, original, 'captured while running');
	ui.unmount();
	t.is(console.warn, original, 'restored after');
});

test.serial('without a terminal on stdin the screen still displays, without reading keys', async t => {
	let crashed = false;
	const {feed, stdout, stdin} = start(t, 120, 40, () => {
		crashed = true;
	}, false);
	feed.emit('snapshot', fleet(1));
	await until(() => plain(stdout.output).includes('wazuh-modulesd'), 'the table');
	t.false(stdin.rawMode);
	t.false(crashed);
});
