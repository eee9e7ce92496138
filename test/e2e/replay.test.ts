import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {formatTimestamp} from '../../source/model/timestamp.js';
import {formatBytes} from '../../source/ui/format.js';
import {keys, PtyScreen} from '../helpers/pty.js';
import {runCli} from '../helpers/cli.js';

/*
 * `wazuh-metrics replay` in a real terminal, key by key, over folders written by the Python mimics
 * of the original's and of Wazuh 5 monitor.py's writers (test/fixtures/recordings): known values at
 * known times, so the screen can be checked against them.
 */

const fixtures = path.resolve('test/fixtures/recordings');
const epoch = 1_764_000_000;
const rows = 1500;

function written(t: {teardown: (fn: () => void) => void}, script: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-replay-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	execFileSync('python3', [path.join(fixtures, script), folder, String(epoch), String(rows)], {stdio: 'pipe'});
	return folder;
}

/** The cursor as the header shows it: the sample number and the clock. */
function cursorOf(lines: readonly string[]): {sample: number; clock: string} | undefined {
	const replay = /REPLAY sample ([\d,]+)\//.exec(lines[1] ?? '');
	const clock = /(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d)$/.exec(lines[0] ?? '');
	return replay && clock ? {sample: Number(replay[1]!.replaceAll(',', '')), clock: clock[1]!} : undefined;
}

/** analysisd's RSS in the Python mimic: 10 MiB and 10 KiB more each second. */
const analysisdRss = (second: number): string => formatBytes((10 * 1024 * 1024) + (10 * 1024 * second));

test.serial('replay keys move a cursor through the recording; the table shows the rows of that moment', async t => {
	t.timeout(180_000);
	const folder = written(t, 'python_original_writer.py');
	const screen = new PtyScreen(['replay', folder], {columns: 120, rows: 30});
	t.teardown(() => {
		screen.kill();
	});
	const at = async (second: number, what: string): Promise<string[]> => screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		return cursor?.sample === second + 1 && cursor.clock === formatTimestamp((epoch + second) * 1000) && lines.some(line => line.includes('wazuh-analysisd') && line.includes(analysisdRss(second))) ? lines : undefined;
	}, what);

	const first = await at(0, 'the first sample');
	t.regex(first[0]!, /recorded host unknown/);
	t.true(first.some(line => /^▾ wazuh_apid\.py /.test(line)), 'the tree, as live');
	t.regex(first.findLast(line => line.trim() !== '') ?? '', /^, \. step {2}\[ \] ±1m {2}b go to {2}< > ends {2}space play/, 'the footer names replay\'s keys, space plays');
	const steps: Array<[string, number, string]> = [
		['.', 1, 'one sample forward'],
		['.', 2, 'and another'],
		[',', 1, 'one back'],
		[']', 61, 'a minute forward'],
		['}', 661, '10 minutes forward'],
		['[', 601, 'a minute back'],
		['{', 1, '10 minutes back'],
		['{', 0, 'clamped at the start'],
		['>', rows - 1, 'the newest sample'],
		['<', 0, 'the first sample'],
	];
	for (const [key, second, what] of steps) {
		screen.write(key);
		await at(second, what);
	}

	// b, like atop: a time of the recording's day.
	const target = formatTimestamp((epoch + 1234) * 1000).slice(11);
	screen.write('b');
	await screen.waitForScreen(lines => (lines[1]?.includes('go to:') ? true : undefined), 'the prompt');
	screen.write(target);
	await screen.waitForScreen(lines => (lines[1]?.includes(`go to: ${target}`) ? true : undefined), 'the time typed');
	screen.write(keys.enter);
	await at(1234, `b ${target}`);
	screen.write('b');
	await screen.waitForScreen(lines => (lines[1]?.includes('go to:') ? true : undefined), 'the prompt again');
	screen.write('99:99\r');
	await screen.waitForScreen(lines => (lines[1]?.includes('"99:99" is not a time') ? true : undefined), 'a bad time said, the cursor kept');
	t.is(cursorOf(await screen.screen())?.sample, 1235);

	// x: 10x; space plays (10 samples a second at 1 s), space pauses; the cursor moved forward.
	screen.write('x');
	await screen.waitForScreen(lines => (lines[1]?.includes('paused (10x)') ? true : undefined), '10x');
	screen.write(' ');
	await screen.waitForScreen(lines => (lines[1]?.includes('playing 10x') && (cursorOf(lines)?.sample ?? 0) >= 1260 ? true : undefined), 'playing');
	screen.write(' ');
	const paused = await screen.waitForScreen(lines => (lines[1]?.includes('paused') ? cursorOf(lines) : undefined), 'paused');
	const second = paused.sample - 1;
	await at(second, 'the table at the paused sample');

	// The detail view: history up to the cursor, the child's restart (a new PID at row 750) marked.
	screen.write('/child_1\r');
	const filtered = await screen.waitForScreen(lines => (lines.some(line => line.startsWith('filter "child_1"')) ? lines : undefined), 'the filter');
	// The tree keeps the daemon above its child: down to the child's row.
	const rowsAbove = filtered.filter(line => /^[ ▾▸] wazuh/.test(line)).length;
	screen.write(keys.down.repeat(rowsAbove));
	screen.write(keys.enter);
	const detail = await screen.waitForScreen(lines => (lines.some(line => line.startsWith('wazuh_apid.py_child_1')) && lines.some(line => line.includes('RSS  min')) ? lines : undefined), 'the child\'s detail view');
	t.true(detail.some(line => line.includes('↻')), 'the child replaced at row 750 is marked on the time axis');
	// A recording has no threads: one line says so, under the charts.
	const threads = await screen.waitForScreen(lines => lines.find(line => line.includes('threads:')), 'the thread panel');
	t.regex(threads, /^CPU [\d.]+ % {3}threads: live only *$/);
	screen.write('q');
	const {exitCode} = await screen.exited;
	t.is(exitCode, 0);
});

test.serial('replay reads Wazuh 5 monitor.py\'s folders too', async t => {
	t.timeout(120_000);
	const folder = written(t, 'wazuh5_monitor_writer.py');
	const screen = new PtyScreen(['replay', folder], {columns: 120, rows: 30});
	t.teardown(() => {
		screen.kill();
	});
	const lines = await screen.waitForScreen(lines => (cursorOf(lines)?.sample === 1 && lines.some(line => line.includes('wazuh-manager-analysisd')) ? lines : undefined), 'the first sample');
	t.regex(lines[1]!, new RegExp(`sample 1/${rows.toLocaleString('en-US')}`));
	screen.write('}');
	await screen.waitForScreen(lines => (cursorOf(lines)?.sample === 601 ? true : undefined), '10 minutes forward');
	screen.write('q');
	t.is((await screen.exited).exitCode, 0);
});

test.serial('a folder of hours says it is being read before the screen comes up; a small one does not', async t => {
	t.timeout(180_000);
	// 40 MB in this tool's format: 2 processes x 200 000 rows at 0.25 s (about 14 h).
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-replay-big-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const header = 'Daemon,Version,Timestamp,PID,CPU(%),VMS(KB),RSS(KB),USS(KB),PSS(KB),SWAP(KB),FD,Read_Ops,Write_Ops,Disk_Read(KB),Disk_Written(KB),Disk_Read_Speed(KB/s),Disk_Write_Speed(KB/s),Threads';
	for (const role of ['wazuh-db', 'wazuh-db_child_1']) {
		const lines = [header];
		for (let row = 0; row < 200_000; row++) {
			lines.push(`${role},4.9.0,${formatTimestamp((epoch * 1000) + (row * 250), true)},100,1.50,2000.00,1000.00,800.00,900.00,0.00,12,${row},${row},0.00,0.00,0.00,0.00,1`);
		}

		fs.writeFileSync(path.join(folder, `${role}.csv`), `${lines.join('\n')}\n`);
	}

	const screen = new PtyScreen(['replay', folder], {columns: 120, rows: 30});
	t.teardown(() => {
		screen.kill();
	});
	await screen.waitForScreen(lines => (lines[1]?.includes('REPLAY sample 1/200,000') ? true : undefined), 'the first sample');
	t.regex(screen.output, /wazuh-metrics: reading 4\d MB of CSV in \/\S+wm-replay-big-\w+…/);
	screen.write('q');
	t.is((await screen.exited).exitCode, 0);

	const small = new PtyScreen(['replay', written(t, 'python_original_writer.py')], {columns: 120, rows: 30});
	t.teardown(() => {
		small.kill();
	});
	await small.waitForScreen(lines => (cursorOf(lines)?.sample === 1 ? true : undefined), 'the first sample of a small folder');
	t.false(small.output.includes('reading'), 'nothing said for a folder read in a moment');
	small.write('q');
	t.is((await small.exited).exitCode, 0);
});

test('replay without a terminal, or without a folder: one line, exit 2', async t => {
	const folder = written(t, 'python_original_writer.py');
	const piped = await runCli(['replay', folder]);
	t.is(piped.code, 2);
	t.regex(piped.stderr, /^wazuh-metrics: replay shows a screen: run it on a terminal/);
	t.is(piped.stderr.trim().split('\n').length, 1);
	const none = await runCli(['replay']);
	t.is(none.code, 2);
	t.is(none.stderr.trim().split('\n').length, 1);
});
