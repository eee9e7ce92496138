import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import test from 'ava';
import {descendantsOf, isAlive} from '../../source/demo/proc-scan.js';
import type {SessionHooks} from '../../source/session/session.js';
import {readCsv} from '../helpers/cli.js';
import {PtyScreen} from '../helpers/pty.js';

/*
 * How the live screen ends: signals (an SSH session that drops sends SIGHUP) and a crash inside a
 * component. Each run is the real CLI on its demo in a pseudo-terminal.
 */

const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';

type Run = {screen: PtyScreen; folder: string; tmp: string; fleet: number[]};

async function startDemo(t: {teardown: (fn: () => void) => void}, environment: NodeJS.ProcessEnv = {}, hooks: SessionHooks = {}, waitForDemo = true): Promise<Run> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-ui-end-'));
	// A private state folder: the log file of this run is then ours to read.
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-ui-tmp-'));
	const screen = new PtyScreen(['--demo', '--no-stats', '-s', '0.5', '--store-process', folder], {columns: 100, rows: 30}, environment, {stateRoot: path.join(tmp, 'process_metrics'), ...hooks});
	t.teardown(() => {
		screen.kill('SIGKILL');
	});
	if (waitForDemo) {
		await screen.waitForScreen(lines => (lines.some(line => line.includes('wazuh_clusterd.py')) ? true : undefined), 'the demo on screen');
	}

	return {screen, folder, tmp, fleet: descendantsOf(screen.pid)};
}

const rowsIn = (folder: string): number => fs.readdirSync(folder).filter(name => name.endsWith('.csv'))
	.reduce((sum, name) => sum + readCsv(path.join(folder, name)).rows.length, 0);

function terminalRestored(t: {true: (value: boolean, message?: string) => void}, output: string): void {
	t.true(output.lastIndexOf(showCursor) > output.lastIndexOf(hideCursor), `the cursor is shown again; the output ended with ${JSON.stringify(output.slice(-300))}`);
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
	test(`${signal}: CSVs flushed, terminal restored, exit 0`, async t => {
		const {screen, folder, fleet} = await startDemo(t);
		process.kill(screen.pid, signal);
		const {exitCode} = await screen.exited;
		t.is(exitCode, 0);
		terminalRestored(t, screen.output);
		const plain = stripVTControlCharacters(screen.output);
		t.regex(plain, new RegExp(`\\d+ rows recorded in ${folder}`));
		t.true(rowsIn(folder) > 0);
		t.true(fleet.length >= 15, 'the demo was running');
		t.false(fleet.some(pid => isAlive(pid)), 'no demo process left');
	});
}

test('a crash inside a component: terminal restored, CSVs flushed, one line, exit 1, stack in the log', async t => {
	// Not waiting for the screen: the fault may fire before a loaded machine shows the whole demo.
	const {screen, folder, tmp} = await startDemo(t, {}, {uiFaultAfterTick: 6}, false);
	const {exitCode} = await screen.exited;
	t.is(exitCode, 1);
	terminalRestored(t, screen.output);
	const lines = stripVTControlCharacters(screen.output).split(/\r?\n/).filter(line => line.startsWith('wazuh-metrics: '));
	const crashLines = lines.filter(line => line.includes('crashed'));
	t.is(crashLines.length, 1, lines.join('\n'));
	t.regex(crashLines[0]!, /^wazuh-metrics: the display crashed: injected fault after tick 6 \(details in .*wazuh-metrics\.log\)$/);
	t.false(screen.output.includes('    at '), 'no stack trace on the terminal');
	t.true(rowsIn(folder) > 0, 'rows were recorded and flushed');
	const log = fs.readFileSync(path.join(tmp, 'process_metrics', 'wazuh-metrics.log'), 'utf8');
	t.regex(log, /UI crashed: Error: injected fault after tick 6/);
	t.regex(log, /\n\s+at /, 'the stack is in the log');
});

for (const variable of ['CI', 'CONTINUOUS_INTEGRATION'] as const) {
	test(`${variable}=true left in the shell: the live screen still draws while it runs`, async t => {
		// Ink reads these when loaded and then draws only once, at exit; startDemo waits for a live frame.
		const {screen} = await startDemo(t, {[variable]: 'true'});
		screen.write('q');
		const {exitCode} = await screen.exited;
		t.is(exitCode, 0);
		terminalRestored(t, screen.output);
	});
}
