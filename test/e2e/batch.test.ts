import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {runCli} from '../helpers/cli.js';
import {PtyScreen} from '../helpers/pty.js';

/*
 * Batch output (`--batch`, and a terminal that cannot move its cursor): the real CLI in a real
 * pseudo-terminal (or with pipes), every byte it wrote read back. The demo is the host watched.
 */

const ceilingMs = 120_000;

function scratch(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-batch-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

/** Code points above 0x7F in what the program wrote (node-pty decodes UTF-8: any byte above 0x7F shows as one). */
function nonAscii(text: string): string[] {
	return [...text].filter(character => character.codePointAt(0)! > 0x7F);
}

/** The frames of batch output: each starts with its column titles' line. */
function frameCount(text: string): number {
	return text.split(/\r?\n/).filter(line => /^NAME {2,}PID +CPU%/.test(line)).length;
}

/** Rows of a daemon in the output (one per frame). */
function daemonRows(text: string, daemon: string): number {
	return text.split(/\r?\n/).filter(line => new RegExp(`^ {2}${daemon} +\\d+ +\\d`).test(line)).length;
}

async function run(t: ExecutionContext, screen: PtyScreen): Promise<{exitCode: number; output: string}> {
	t.teardown(() => {
		screen.kill();
	});
	const exit = await Promise.race([screen.exited, new Promise<undefined>(resolve => {
		setTimeout(() => {
			resolve(undefined);
		}, ceilingMs).unref();
	})]);
	if (exit === undefined) {
		t.log(screen.output);
		throw new Error('the run did not end by itself');
	}

	return {exitCode: exit.exitCode, output: screen.output};
}

test('TERM=dumb under LANG=C: no full screen, the table as plain ASCII every sample, no escape byte, and why on one line', async t => {
	t.timeout(ceilingMs + 30_000);
	const folder = scratch(t);
	const screen = new PtyScreen(['--demo', '--no-stats', '-s', '0.5', '-n', '3', '--store-process', path.join(folder, 'csv')], {columns: 200, rows: 50}, {TERM: 'dumb', LANG: 'C', LC_ALL: 'C'});
	const {exitCode, output} = await run(t, screen);
	t.is(exitCode, 0, output);
	t.false(output.includes('\u001B'), 'no ESC byte at all');
	t.deepEqual(nonAscii(output), [], 'no byte above 0x7F');
	t.is(frameCount(output), 3, output);
	t.is(daemonRows(output, 'wazuh-analysisd'), 3, output);
	t.is(output.split('\n').filter(line => line.includes('TERM=dumb: batch output; --headless for none')).length, 1, output);
	// A header line per frame: time, host, DEMO, the host's figures, the recording.
	t.is(output.split(/\r?\n/).filter(line => line.includes(`  ${os.hostname()}  `) && /\bDEMO\b.*\bcpu [\d.]+% of \d+ cores?\b.* REC \d+ rows /.test(line)).length, 3, output);
	// Recording went on: 3 samples of each process.
	t.is(fs.readFileSync(path.join(folder, 'csv', 'wazuh-analysisd.csv'), 'utf8').trim().split('\n').length, 4);
});

test('--batch -n 3 on a terminal: 3 frames within its width, a blank line between them, exit 0', async t => {
	t.timeout(ceilingMs + 30_000);
	const folder = scratch(t);
	const columns = 100;
	const screen = new PtyScreen(['--demo', '--no-stats', '--batch', '-s', '0.5', '-n', '3', '--store-process', path.join(folder, 'csv')], {columns, rows: 40});
	const {exitCode, output} = await run(t, screen);
	t.is(exitCode, 0, output);
	t.false(output.includes('\u001B'), 'no ESC byte at all');
	t.is(frameCount(output), 3, output);
	const lines = output.split(/\r?\n/);
	t.deepEqual(lines.filter(line => line.length > columns), [], 'no line wider than the terminal');
	// Each frame after the first follows a blank line.
	const titles = lines.flatMap((line, index) => (/^NAME {2,}PID/.test(line) ? [index] : []));
	t.deepEqual(titles.slice(1).map(index => lines[index - 2]), ['', '']);
});

test('--batch -n 2 to a pipe: the frames alone on stdout, whole (no width limit), messages on stderr; -s 0.1 is accepted', async t => {
	t.timeout(ceilingMs + 30_000);
	const folder = scratch(t);
	const result = await runCli(['--demo', '--no-stats', '--batch', '-s', '0.1', '-n', '2', '--store-process', path.join(folder, 'csv')]);
	t.is(result.code, 0, result.stderr);
	t.false(result.stdout.includes('\u001B'));
	t.deepEqual(nonAscii(result.stdout), []);
	const frames = result.stdout.split('\n\n');
	t.is(frames.length, 2, result.stdout);
	for (const frame of frames) {
		const lines = frame.trimEnd().split('\n');
		t.regex(lines[0]!, /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{3} {2}/);
		// Every column: the last ones too, which a narrow terminal drops first.
		t.regex(lines[1]!, /^NAME {2,}PID +CPU% +RSS +RSS\/h +USS +PSS +PSS\/h +SWAP +VMS +FD +THR +READ\/s +WRIT\/s +READ +WRITTEN +STATE$/);
		t.true(lines.some(line => /^ {2}wazuh-analysisd +\d+ /.test(line)), frame);
	}

	t.false(result.stderr.includes('NAME'), 'no table on stderr');
	t.regex(result.stderr, /^wazuh-metrics: \d+ rows recorded in /m);
	t.false(result.stdout.includes('wazuh-metrics: '), 'no message on stdout');
});

test('-s 0.05 is bad input: one line naming the 10 ms clock tick, exit 2', async t => {
	const result = await runCli(['--demo', '--no-stats', '-s', '0.05', '--headless', '-n', '1']);
	t.is(result.code, 2);
	t.is(result.stdout, '');
	t.is(result.stderr, 'wazuh-metrics: -s 0.05: the interval must be at least 0.1 s; CPU time is counted in 10 ms clock ticks, so a shorter interval gives noise\n');
});

test('-n with the live screen is bad input: one line, exit 2, nothing started', async t => {
	const screen = new PtyScreen(['--demo', '-n', '2'], {columns: 120, rows: 30});
	const {exitCode, output} = await run(t, screen);
	t.is(exitCode, 2);
	t.is(output.trim(), 'wazuh-metrics: -n 2 counts the samples of --batch or --headless; the live screen runs until q (add --batch or --headless)');
});
