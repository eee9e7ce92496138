import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {chooseDisplay, entryHasCursorAddressing, noScreenReason, terminfoCursorAddressing, terminfoFolders} from '../../../source/cli/terminal-mode.js';

/*
 * Whether the live screen can run on a terminal: from TERM and the system's compiled terminfo
 * entries (their `cup`), read without a terminfo library.
 */

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-terminfo-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

/** A compiled entry as tic writes it: header, names, booleans, numbers, string offsets, string table. */
function entry(options: {extended?: boolean; strings: number[]; numbers?: number; names?: string}): Buffer {
	const names = Buffer.from(`${options.names ?? 'test|a test terminal'}\0`);
	const bools = 3;
	const numberSize = options.extended ? 4 : 2;
	const numbers = options.numbers ?? 2;
	const header = Buffer.alloc(12);
	for (const [index, value] of [options.extended ? 0o1036 : 0o432, names.length, bools, numbers, options.strings.length, 8].entries()) {
		header.writeInt16LE(value, index * 2);
	}

	const pad = (12 + names.length + bools) % 2;
	const offsets = Buffer.alloc(options.strings.length * 2);
	for (const [index, value] of options.strings.entries()) {
		offsets.writeInt16LE(value, index * 2);
	}

	return Buffer.concat([header, names, Buffer.alloc(bools + pad), Buffer.alloc(numbers * numberSize), offsets, Buffer.from('\u001B[%d\0\0\0\0')]);
}

test('cup is read from both formats: present, absent (-1), cancelled (-2), not in a short string list', t => {
	const withCup = Array.from({length: 12}, (_, index) => (index === 10 ? 0 : -1));
	for (const extended of [false, true]) {
		t.true(entryHasCursorAddressing(entry({extended, strings: withCup})));
		t.false(entryHasCursorAddressing(entry({extended, strings: withCup.map(value => (value === 0 ? -1 : value))})));
		t.false(entryHasCursorAddressing(entry({extended, strings: withCup.map(value => (value === 0 ? -2 : value))})));
		t.false(entryHasCursorAddressing(entry({extended, strings: [0, 0, 0]})));
		// An odd-length name makes the numbers start one byte later.
		t.true(entryHasCursorAddressing(entry({extended, strings: withCup, names: 'ab'})));
	}

	t.is(entryHasCursorAddressing(Buffer.from('not terminfo at all')), undefined);
	t.is(entryHasCursorAddressing(Buffer.alloc(4)), undefined);
});

test('the system\'s own entries: dumb has no cup, vt100 and xterm have one; no entry or a name that is a path: unknown', t => {
	t.false(terminfoCursorAddressing('dumb'));
	t.true(terminfoCursorAddressing('vt100'));
	t.true(terminfoCursorAddressing('xterm'));
	t.is(terminfoCursorAddressing('no-such-terminal-here'), undefined);
	t.is(terminfoCursorAddressing('../../etc/passwd'), undefined);
	t.is(terminfoCursorAddressing('.hidden'), undefined);
	t.true(terminfoFolders.includes('/usr/share/terminfo'));
});

test('an entry that is a symlink, or writable by others, is not read', t => {
	const folder = temporaryFolder(t);
	fs.mkdirSync(path.join(folder, 'z'));
	const dumb = entry({strings: Array.from({length: 12}, () => -1)});
	fs.writeFileSync(path.join(folder, 'z', 'zdumb'), dumb, {mode: 0o644});
	fs.writeFileSync(path.join(folder, 'z', 'zopen'), dumb);
	fs.chmodSync(path.join(folder, 'z', 'zopen'), 0o666);
	fs.symlinkSync(path.join(folder, 'z', 'zdumb'), path.join(folder, 'z', 'zlink'));
	// Root owns what root writes: this test's files are root's only when the suite runs as root.
	t.is(terminfoCursorAddressing('zdumb', [folder]), process.geteuid?.() === 0 ? false : undefined);
	t.is(terminfoCursorAddressing('zopen', [folder]), undefined);
	t.is(terminfoCursorAddressing('zlink', [folder]), undefined);
});

test('the reason the screen is off: TERM unset, empty, dumb, a terminal without cup, a known name without an entry', t => {
	const lookup = (known: Record<string, boolean>) => (term: string) => known[term];
	t.is(noScreenReason(undefined, lookup({})), 'TERM is not set');
	t.is(noScreenReason('', lookup({})), 'TERM is empty');
	t.is(noScreenReason('dumb', lookup({dumb: false})), 'TERM=dumb');
	t.is(noScreenReason('dumb', lookup({})), 'TERM=dumb');
	t.is(noScreenReason('unknown', lookup({})), 'TERM=unknown');
	t.is(noScreenReason('emacs', lookup({})), 'TERM=emacs');
	t.is(noScreenReason('lpr', lookup({lpr: false})), 'TERM=lpr cannot address the cursor');
	t.is(noScreenReason('vt100', lookup({vt100: true})), undefined);
	t.is(noScreenReason('xterm-kitty', lookup({})), undefined, 'an entry not installed: most terminals are xterm-like');
	t.is(noScreenReason('x\u001B[2J', lookup({'x\u001B[2J': false})), 'TERM=x?[2J cannot address the cursor', 'never an escape sequence in the line said');
});

test('the display: --headless none, --batch batch, no terminal none, a terminal that cannot move its cursor batch with why', t => {
	const capable = () => true;
	t.deepEqual(chooseDisplay({headless: true, batch: false}, true, 'dumb', capable), {display: 'none'});
	t.deepEqual(chooseDisplay({headless: false, batch: true}, true, 'xterm', capable), {display: 'batch'});
	t.deepEqual(chooseDisplay({headless: false, batch: true}, false, undefined, capable), {display: 'batch'});
	t.deepEqual(chooseDisplay({headless: false, batch: false}, false, 'dumb', capable), {display: 'none'});
	t.deepEqual(chooseDisplay({headless: false, batch: false}, true, 'xterm', capable), {display: 'screen'});
	t.deepEqual(chooseDisplay({headless: false, batch: false}, true, 'dumb', () => false), {display: 'batch', why: 'TERM=dumb: batch output; --headless for none'});
	t.deepEqual(chooseDisplay({headless: false, batch: false}, true, undefined, capable), {display: 'batch', why: 'TERM is not set: batch output; --headless for none'});
});
