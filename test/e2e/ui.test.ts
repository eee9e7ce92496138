import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import test from 'ava';
import {parse} from 'csv-parse/sync';
import {cliPath, waitFor} from '../helpers/cli.js';
import {keys, PtyScreen} from '../helpers/pty.js';

const sparkGlyph = /[▁▂▃▄▅▆▇█]/;

type CsvRow = {readonly role: string; readonly timestamp: string; readonly pid: number};

/** Every process row recorded in the session folder. */
function readRows(folder: string): CsvRow[] {
	const rows: CsvRow[] = [];
	for (const file of fs.readdirSync(folder).filter(name => name.endsWith('.csv'))) {
		const records = parse<Record<string, string>>(fs.readFileSync(path.join(folder, file), 'utf8'), {columns: true, skip_empty_lines: true});
		for (const record of records) {
			rows.push({role: record.Daemon!, timestamp: record.Timestamp!, pid: Number(record.PID)});
		}
	}

	return rows;
}

/** The table's rows: from under its title line to the first empty line (or the footer). */
function tableRows(lines: readonly string[]): string[] {
	const title = lines.findIndex(line => line.startsWith('NAME'));
	if (title === -1) {
		return [];
	}

	const rows: string[] = [];
	for (const line of lines.slice(title + 1)) {
		if (line.trim() === '' || line.startsWith('↑↓') || line.startsWith('FILE')) {
			break;
		}

		rows.push(line);
	}

	return rows;
}

/** PIDs in the PID column (right-aligned under its title) of the given rows; `-` (down) is left out. */
function pidsOf(lines: readonly string[], rows = tableRows(lines)): number[] {
	const title = lines.find(line => line.startsWith('NAME'))!;
	const end = title.indexOf('PID') + 3;
	return rows
		.map(line => Number(line.slice(end - 8, end).trim()))
		.filter(pid => Number.isInteger(pid) && pid > 0);
}

const daemonRows = (lines: readonly string[]) => tableRows(lines).filter(line => /^[ ▾▸] wazuh/.test(line));

/** Frames as Ink wrote them (each in a synchronized-output block), as plain lines. */
function framesIn(output: string): string[][] {
	return output.split('\u001B[?2026h').slice(1).map(block => {
		const frame = block.split('\u001B[?2026l')[0]!;
		// The previous frame is erased first; what follows the last cursor-to-column-1 is the new one.
		const content = frame.slice(frame.lastIndexOf('\u001B[G') + 3);
		// The terminal driver turns each \n into \r\n.
		return stripVTControlCharacters(content).replace(/\r?\n$/, '').split(/\r?\n/);
	});
}

test('the live screen of the demo in a real terminal', async t => {
	t.true(fs.existsSync(cliPath), 'build first (npm run build): the test runs dist/cli.js');
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wazuh-metrics-ui-e2e-'));
	const screen = new PtyScreen(['--demo', '--no-stats', '-s', '0.5', '--store-process', folder], {columns: 120, rows: 40});
	t.teardown(async () => {
		// SIGTERM first, so a failed test still lets the CLI stop its demo fleet and remove its dir.
		screen.kill('SIGTERM');
		await Promise.race([screen.exited, new Promise(resolve => {
			setTimeout(resolve, 3000);
		})]);
		screen.kill('SIGKILL');
		fs.rmSync(folder, {recursive: true, force: true});
	});

	// The whole fleet is listed once the Python daemons' children have been found.
	await screen.waitForScreen(lines => (daemonRows(lines).length >= 12 && lines.some(line => line.includes('└ child_3')) ? true : undefined), 'the demo fleet');
	const live = await screen.waitForScreen(lines => (lines.some(line => sparkGlyph.test(line)) ? lines : undefined), 'a sparkline');
	const rowsAtStart = readRows(folder).length;
	t.regex(live[0]!, /^wazuh-metrics/);
	t.regex(live[1]!, /● REC [\d,]+ rows/);

	// Frozen, the screen can be compared with what was recorded for the tick it shows.
	screen.write(' ');
	const paused = await screen.waitForScreen(lines => (lines[1]!.includes('PAUSED') ? lines : undefined), 'PAUSED');
	// The clock of the tick shown: with milliseconds at -s 0.5, the Timestamp of that one tick's rows.
	const clock = /(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{3})$/.exec(paused[0]!)![1]!;
	const shown = new Set(pidsOf(paused));
	// Ticks are written one after the other: once a later tick shows up, that one is complete.
	const allRows = await waitFor(() => {
		const rows = readRows(folder);
		return rows.some(row => row.timestamp > clock) ? rows : undefined;
	}, 60_000, 'the next tick in the CSVs');
	const recorded = allRows.filter(row => row.timestamp === clock);
	t.true(recorded.length > 0, `rows recorded at ${clock}`);
	for (const pid of shown) {
		t.true(recorded.some(row => row.pid === pid), `PID ${pid} on screen is in the CSVs at ${clock}`);
	}

	// The tick's timestamp is its own: every role recorded on it is on the screen, and once only.
	const byRole = new Map<string, CsvRow[]>();
	for (const row of recorded) {
		byRole.set(row.role, [...(byRole.get(row.role) ?? []), row]);
	}

	for (const [role, rows] of byRole) {
		t.is(rows.length, 1, `${role}: one row per tick`);
		t.true(shown.has(rows[0]!.pid), `${role} (PID ${rows[0]!.pid}) is on screen`);
	}

	t.true(byRole.size >= 15, `every daemon and steady child checked (${byRole.size})`);
	screen.write(' ');
	await screen.waitForScreen(lines => (lines[1]!.includes('PAUSED') ? undefined : true), 'resumed');

	// Down, Enter: the charts of the second row; Esc: back to the table.
	screen.write(keys.down);
	screen.write(keys.enter);
	const detail = await screen.waitForScreen(lines => (lines.some(line => line.includes('RSS  min')) && lines.some(line => /[┤┼]/.test(line)) ? lines : undefined), 'the detail view');
	t.regex(detail.join('\n'), /CPU %/);
	t.regex(detail.join('\n'), /Open FDs/);
	screen.write(keys.escape);
	await screen.waitForScreen(lines => (lines.some(line => line.startsWith('NAME')) ? true : undefined), 'the table again');

	// `/` filters; typed ahead in one go, as over a slow link.
	screen.write(`/clusterd${keys.enter}`);
	const filtered = await screen.waitForScreen(lines => (lines.at(-2)?.startsWith('filter "clusterd"') && !lines.some(line => line.includes('wazuh-analysisd')) ? lines : undefined), 'the filter');
	t.true(tableRows(filtered).length >= 4);
	t.true(tableRows(filtered).every(line => line.includes('wazuh_clusterd.py') || /^ [├└] child_/.test(line)));
	screen.write(keys.escape);
	await screen.waitForScreen(lines => (lines.some(line => line.includes('wazuh-analysisd')) ? true : undefined), 'the filter cleared');

	// N sorts daemons by PID: the fleet starts in another order than the alphabet.
	const daemonPids = (lines: readonly string[]) => pidsOf(lines, daemonRows(lines));
	const byName = daemonPids(await screen.screen());
	t.notDeepEqual(byName, [...byName].sort((a, b) => a - b));
	screen.write('N');
	const byPid = await screen.waitForScreen(lines => (lines.find(line => line.startsWith('NAME'))?.includes('▲PID') ? lines : undefined), 'sorted by PID');
	t.deepEqual(daemonPids(byPid), [...daemonPids(byPid)].sort((a, b) => a - b));

	// A smaller terminal: the next frames fit it.
	const beforeResize = screen.output.length;
	screen.resize(80, 24);
	// Until the program redraws, the terminal shows its own reflow of the old frame: wait for the new
	// layout (the clock right-aligned at 80, no SWAP column), then for one more tick drawn at that size.
	const fitsNewSize = (lines: readonly string[]) => lines[0]!.startsWith('wazuh-metrics') && /\d\d:\d\d:\d\d(\.\d{3})?$/.test(lines[0]!)
		&& lines[0]!.length === 80 && lines[22]!.startsWith('↑↓ select') && lines.some(line => line.startsWith('NAME')) && !lines.some(line => line.includes('SWAP'));
	const firstSmall = await screen.waitForScreen(lines => (fitsNewSize(lines) ? lines : undefined), 'the 80x24 layout');
	const small = await screen.waitForScreen(lines => (fitsNewSize(lines) && lines[0] !== firstSmall[0] ? lines : undefined), 'a tick at 80x24');
	t.is(small[23], '', 'the row under the frame is empty');
	t.deepEqual(await screen.wrappedRows(), [], 'no line was wrapped by the terminal');
	t.true(small.every(line => line.length <= 80));
	// A frame drawn before the program got SIGWINCH is still at the old size (its first line is
	// wider than 80); every frame after that must fit, including any redraw Ink does on resize.
	const framesAfter = framesIn(screen.output.slice(beforeResize));
	const firstNew = framesAfter.findIndex(frame => frame[0]!.length <= 80);
	t.true(firstNew >= 0);
	for (const frame of framesAfter.slice(firstNew)) {
		t.true(frame.length <= 23, `a frame of ${frame.length} lines`);
		t.deepEqual(frame.filter(line => line.length > 80), [], 'no line wider than 80');
	}

	t.false(screen.output.includes('\u001B[2J'), 'the screen is never cleared');
	t.false(screen.output.includes('\u001B[3J'), 'the scrollback is never cleared');

	const rowsBefore = readRows(folder).length;
	screen.write('q');
	const {exitCode} = await screen.exited;
	t.is(exitCode, 0);
	t.true(screen.output.lastIndexOf('\u001B[?25h') > screen.output.lastIndexOf('\u001B[?25l'), 'the cursor is visible after the end');
	const rowsAfter = readRows(folder);
	t.true(rowsAfter.length >= rowsBefore);
	t.true(rowsBefore > rowsAtStart, `rows recorded while the screen ran (${rowsAtStart} -> ${rowsBefore})`);
	t.regex(stripVTControlCharacters(screen.output), new RegExp(`rows recorded in ${folder.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
