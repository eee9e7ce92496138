import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {keys, PtyScreen} from '../helpers/pty.js';

/*
 * Issue #21 on the real screen: the demo in a real pty, every byte it wrote read back. The locale
 * (LANG=C: ASCII only), --ascii, TERM=vt100 (no colour), and narrow and small windows.
 */

function startDemo(t: ExecutionContext, args: readonly string[], size: {columns: number; rows: number}, environment: NodeJS.ProcessEnv): PtyScreen {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-terminals-'));
	const screen = new PtyScreen(['--demo', '--no-stats', '-s', '0.5', '--store-process', path.join(tmp, 'csv'), ...args], size, environment, {stateRoot: path.join(tmp, 'state')});
	t.teardown(async () => {
		screen.kill('SIGTERM');
		await Promise.race([screen.exited, new Promise(resolve => {
			setTimeout(resolve, 3000);
		})]);
		screen.kill('SIGKILL');
		fs.rmSync(tmp, {recursive: true, force: true});
	});
	return screen;
}

/** Every character above 0x7F in what the program wrote, with where it was, to say what slipped through. */
function nonAscii(output: string): string[] {
	// eslint-disable-next-line no-control-regex -- everything above 0x7F, nothing below
	return [...output.matchAll(/[^\u0000-\u007F]/gu)].map(match => `${match[0]} in ${JSON.stringify(output.slice(Math.max(0, match.index - 30), match.index + 10))}`);
}

const tableShown = (lines: readonly string[]) => lines.some(line => line.includes('wazuh-analysisd')) && lines.some(line => line.startsWith('NAME'));

for (const [name, args, environment] of [
	['LANG=C (LC_ALL unset)', [], {LANG: 'C'}],
	['--ascii under a UTF-8 locale', ['--ascii'], {LANG: 'C.UTF-8'}],
] as Array<[string, string[], NodeJS.ProcessEnv]>) {
	test(`${name}: the table, the detail view, the help, a key's note and the exit message are ASCII only`, async t => {
		const screen = startDemo(t, args, {columns: 80, rows: 24}, environment);
		const table = await screen.waitForScreen(lines => (tableShown(lines) ? lines : undefined), 'the table');
		t.regex(table[1]!, /^\* REC /, 'REC is marked with *');
		t.regex(table.at(-2)!, /\? help {2}q quit/);
		// A replay key in the live view says where it works, in the footer.
		screen.write(',');
		await screen.waitForScreen(lines => (lines.some(line => line.startsWith('key , (one sample back) works in replay only')) ? true : undefined), 'the note about ,');
		screen.write(keys.enter);
		await screen.waitForScreen(lines => (lines.some(line => line.includes('window all (w)')) && lines.some(line => line.includes('`---')) ? true : undefined), 'the detail view with its charts');
		screen.write('?');
		await screen.waitForScreen(lines => (lines[3]!.startsWith('Keys') && lines[3]!.includes('the detail view') ? true : undefined), 'the help of the detail view');
		screen.write('\u001B[6~');
		await screen.waitForScreen(lines => (/lines? above/.test(lines[3]!) ? true : undefined), 'the help a page down');
		screen.write(keys.escape);
		// The footer is the detail view's under the help too: the help must be gone (two Escs sent
		// together would be read as one key).
		await screen.waitForScreen(lines => (!lines[3]!.startsWith('Keys') && !/lines? above/.test(lines[3]!) && lines.some(line => line.includes('window all (w)')) ? true : undefined), 'the detail view again');
		screen.write(keys.escape);
		await screen.waitForScreen(lines => (tableShown(lines) ? true : undefined), 'the table again');
		screen.write('q');
		await screen.exited;
		t.regex(screen.output, /rows recorded in /, 'the exit message was read too');
		t.deepEqual(nonAscii(screen.output), []);
	});
}

test('under a UTF-8 locale the glyphs are drawn (the check above can fail)', async t => {
	const screen = startDemo(t, [], {columns: 80, rows: 24}, {LANG: 'C.UTF-8'});
	await screen.waitForScreen(lines => (tableShown(lines) && lines[1]!.startsWith('● REC') ? true : undefined), 'the table with ● REC');
	screen.write('q');
	await screen.exited;
	t.true(nonAscii(screen.output).length > 0);
});

/** SGR colour parameters (30-37, 40-47, 90-97, 100-107, 38;..., 48;...) in what was written. */
function colourCodes(output: string): string[] {
	const found: string[] = [];
	// eslint-disable-next-line no-control-regex -- ESC starts a terminal's escape sequences
	for (const match of output.matchAll(/\u001B\[([\d;]*)m/g)) {
		const codes = match[1]!.split(';').map(Number);
		if (codes.some(code => code === 38 || code === 48 || (code >= 30 && code <= 37) || (code >= 40 && code <= 47) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107))) {
			found.push(match[0]);
		}
	}

	return found;
}

test('TERM=vt100 at 60x20: no colour escape at all, the footer keeps ? help and q quit; at 50x12 one line says the window is too small, at 100x30 the table is back', async t => {
	const screen = startDemo(t, [], {columns: 60, rows: 20}, {LANG: 'C.UTF-8', TERM: 'vt100'});
	const narrow = await screen.waitForScreen(lines => (tableShown(lines) ? lines : undefined), 'the table at 60x20');
	t.regex(narrow.at(-2)!, /\? help {2}q quit$/, 'the footer, last line of the frame');
	t.deepEqual(await screen.wrappedRows(), []);
	screen.resize(50, 12);
	const small = await screen.waitForScreen(lines => (lines[0]!.startsWith('window too small') ? lines : undefined), 'the too-small line');
	t.is(small[0], 'window too small: 60x15 at least (now 50x12)');
	t.deepEqual(small.slice(1).filter(line => line.trim() !== ''), [], 'one line, nothing else');
	screen.resize(100, 30);
	await screen.waitForScreen(lines => (tableShown(lines) && !lines.some(line => line.includes('too small')) ? true : undefined), 'the table again at 100x30');
	screen.write('q');
	await screen.exited;
	t.deepEqual(colourCodes(screen.output), [], 'vt100 shows no colour');
	t.notRegex(screen.output, /\[(?:38|48);[25];/, 'never a 256-colour or truecolor sequence');
	// eslint-disable-next-line no-control-regex -- ESC starts a terminal's escape sequences
	t.regex(screen.output, /\u001B\[[\d;]*7[;m]/, 'inverse (the selection) is kept');
});

test('TERM=linux: colours, of the 16 basic ones only', async t => {
	const screen = startDemo(t, [], {columns: 100, rows: 30}, {LANG: 'C.UTF-8', TERM: 'linux'});
	await screen.waitForScreen(lines => (tableShown(lines) ? true : undefined), 'the table');
	screen.write('q');
	await screen.exited;
	t.true(colourCodes(screen.output).length > 0);
	t.notRegex(screen.output, /\[(?:38|48);[25];/);
});
