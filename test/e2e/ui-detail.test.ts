import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {startFleet} from '../helpers/fleet.js';
import {parseCmdline} from '../../source/procfs/parse-cmdline.js';
import {parseStat} from '../../source/procfs/parse-stat.js';
import {readCsv, scopeTo} from '../helpers/cli.js';
import {keys, PtyScreen} from '../helpers/pty.js';

/*
 * The detail view on a real screen, read back as numbers: each chart's axis reaches its stats line's
 * max, nothing is drawn outside the labels of [min, max], a killed process's columns stay empty, a
 * restart is marked on the time axis, and the facts line matches /proc.
 */

const size = {columns: 120, rows: 40};

/** `12.3M`, `840K`, `0B`, `4.0`, `31` as a number (bytes 1024-based). */
function quantity(text: string): number {
	const match = /^(-?[\d.]+)([BKMGTP]?)$/.exec(text.trim());
	if (!match) {
		throw new Error(`not a quantity: ${text}`);
	}

	const power = ['B', 'K', 'M', 'G', 'T', 'P'].indexOf(match[2] || 'B');
	return Number(match[1]) * (1024 ** Math.max(0, power));
}

/** Half the last digit shown of a quantity: how far the true value may be from what is printed. */
function rounding(text: string): number {
	const match = /^-?\d+(?:\.(\d+))?([BKMGTP]?)$/.exec(text.trim())!;
	const power = ['B', 'K', 'M', 'G', 'T', 'P'].indexOf(match[2] || 'B');
	return (0.5 * (1024 ** Math.max(0, power))) / (10 ** (match[1]?.length ?? 0));
}

type Panel = {title: string; stats: Array<{min: number; max: number; rounding: number}>; rows: Array<{label: number; cells: string}>; axis: string};

/** The chart panels on screen: the left and right halves of the detail view, cut at the rule. */
function panels(lines: readonly string[]): Panel[] {
	// The left panel is floor((width - 1) / 2) wide (detail-layout.ts), the rule right after it.
	const rule = Math.floor((size.columns - 1) / 2);
	const found: Panel[] = [];
	// Each half padded to its width: the screen's lines come with trailing blanks trimmed.
	const halves = [(line: string) => line.padEnd(size.columns).slice(0, rule), (line: string) => line.padEnd(size.columns).slice(rule + 1)];
	for (const half of halves) {
		let current: Panel | undefined;
		// Below the title and the facts line (warnings may push them down).
		const first = lines.findIndex(line => line.startsWith('started') || line.includes('no restart in the window') || /^ *restarts \d/.test(line)) + 1;
		for (const line of lines.slice(first).map(half)) {
			const stats = /min (\S+) {2}avg \S+ {2}max (\S+)/.exec(line);
			if (line.includes('┤')) {
				const [label, cells] = line.split(' ┤');
				current!.rows.push({label: quantity(label!), cells: cells!});
			} else if (line.includes('└')) {
				current!.axis = line.slice(line.indexOf('└') + 1);
			} else if (stats && (line.startsWith('━') || current === undefined || current.axis !== '')) {
				if (!line.startsWith('━')) {
					current = {title: line.slice(0, line.indexOf('min')).trim(), stats: [], rows: [], axis: ''};
					found.push(current);
				}

				current!.stats.push({min: quantity(stats[1]!), max: quantity(stats[2]!), rounding: Math.max(rounding(stats[1]!), rounding(stats[2]!))});
			} else if (/^\S/.test(line) && !line.startsWith('━') && (current === undefined || current.axis !== '')) {
				// A title of several series; their stats follow on legend lines.
				current = {title: line.trim(), stats: [], rows: [], axis: ''};
				found.push(current);
			}
		}
	}

	return found.filter(panel => panel.rows.length > 0);
}

/**
 * The detail view arrived whole: its footer, the last line written, is its last line. A screen read
 * while the pty still delivers a frame (in pieces) shows its top charts and not yet its bottom ones.
 */
const whole = (lines: readonly string[]): boolean => lines.findLast(line => line.trim() !== '')?.startsWith('Esc back') === true;

test.serial('detail charts: axis reaches the max, points within their labels, dead time blank, restart marked, facts from /proc', async t => {
	t.timeout(240_000, 'a minute of history at -s 0.5, on a busy machine');
	const fleet = await startFleet({
		daemons: [
			{name: 'wazuh-analysisd', shape: {cpu: 0.2, memoryMb: 8, fds: 20}},
			{name: 'wazuh-remoted', shape: {fds: 10}},
		],
	});
	t.teardown(async () => fleet.stop());
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-detail-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const screen = new PtyScreen(['analysisd', 'remoted', '--no-stats', '-s', '0.5', '-H', '1', '-r', '1000', '--store-process', folder], size, {}, scopeTo(fleet).hooks);
	t.teardown(() => {
		screen.kill();
	});
	const rowsOf = (file: string): number => {
		try {
			return readCsv(path.join(folder, file)).rows.length;
		} catch {
			return 0;
		}
	};

	// Some history, then a restart of analysisd and a death of remoted, then more history.
	await screen.waitForScreen(() => (rowsOf('wazuh-analysisd.csv') >= 20 ? true : undefined), '20 rows');
	const oldPid = fleet.pidOf('wazuh-analysisd')!;
	const newPid = await fleet.restart('wazuh-analysisd');
	t.not(newPid, oldPid);
	await screen.waitForScreen(() => (readCsv(path.join(folder, 'wazuh-analysisd.csv')).rows.some(row => Number(row.PID) === newPid) ? true : undefined), 'the new pid recorded');
	const remoted = fleet.pidOf('wazuh-remoted')!;
	process.kill(remoted, 'SIGKILL');
	const remotedRows = await screen.waitForScreen(lines => (lines.some(line => /wazuh-remoted +- /.test(line) || /wazuh-remoted.*down/.test(line)) ? rowsOf('wazuh-remoted.csv') : undefined), 'remoted down');
	// 80 rows, and 40 since remoted died, however long the restart took on a busy machine.
	await screen.waitForScreen(() => (rowsOf('wazuh-analysisd.csv') >= Math.max(80, remotedRows + 40) ? true : undefined), '80 rows, 40 after remoted died');

	// analysisd: the restart is marked under every chart, and the facts are /proc's.
	screen.write('/analysisd\r');
	screen.write(keys.enter);
	const detail = await screen.waitForScreen(lines => (lines.some(line => line.includes('RSS  min')) && lines.some(line => line.includes('↻')) && whole(lines) ? lines : undefined), 'analysisd\'s charts with a restart mark');
	const stat = parseStat(fs.readFileSync(`/proc/${newPid}/stat`, 'utf8'))!;
	const titleAt = detail.findIndex(line => line.startsWith('wazuh-analysisd  PID'));
	const title = detail[titleAt]!;
	t.regex(title, new RegExp(`^wazuh-analysisd {2}PID ${newPid} {2}root {2}[RSD] `), title);
	t.true(['R', 'S', 'D'].includes(stat.state));
	const facts = detail[titleAt + 1]!;
	t.regex(facts, /restarts 1: \d\d:\d\d:\d\d/, facts);
	t.regex(facts, /threads 1/);
	const argv0 = parseCmdline(fs.readFileSync(`/proc/${newPid}/cmdline`, 'utf8'))[0]!;
	t.true(facts.includes(`$ ${argv0}`.slice(0, Math.max(0, size.columns - facts.indexOf('$ ')))), facts);

	const charts = panels(detail);
	t.is(charts.length, 6, charts.map(chart => chart.title).join(', '));
	for (const chart of charts) {
		// The stats line prints at most 5 characters (11.8M): the samples lie within its rounding.
		const printed = Math.max(...chart.stats.map(stats => stats.rounding));
		const max = Math.max(...chart.stats.map(stats => stats.max)) + printed;
		const min = Math.min(...chart.stats.map(stats => stats.min)) - printed;
		const top = chart.rows[0]!.label;
		const step = chart.rows[0]!.label - chart.rows[1]!.label;
		t.true(top >= max - (2 * printed), `${chart.title}: axis top ${top} below the max ${max - printed}`);
		// A drawn cell's row stands for a value within half a step of some sample: never outside [min, max].
		for (const row of chart.rows) {
			if (/\S/.test(row.cells)) {
				t.true(row.label <= max + (step / 2) + 1e-6 && row.label >= min - (step / 2) - 1e-6, `${chart.title}: a point on the ${row.label} row, samples in [${min}, ${max}]`);
			}
		}

		t.is([...chart.axis].filter(character => character === '↻').length, 1, `${chart.title}: one restart mark`);
	}

	// remoted: dead for at least 30 ticks of an 80+ window; its last columns are empty in every chart.
	// One key at a time: Esc followed at once by `/` would read as Alt-/.
	screen.write(keys.escape);
	await screen.waitForScreen(lines => (lines.some(line => line.startsWith('NAME')) ? true : undefined), 'the table');
	screen.write(keys.escape);
	await screen.waitForScreen(lines => (lines.some(line => /^ {2}wazuh-remoted /.test(line)) ? true : undefined), 'the filter cleared');
	screen.write('/remoted\r');
	await screen.waitForScreen(lines => (lines.some(line => line.startsWith('filter "remoted"')) && !lines.some(line => /^ {2}wazuh-analysisd /.test(line)) ? true : undefined), 'the filter');
	screen.write(keys.enter);
	const dead = await screen.waitForScreen(lines => (lines.some(line => line.startsWith('wazuh-remoted  ')) && lines.some(line => line.includes('RSS  min')) && whole(lines) ? lines : undefined), 'remoted\'s charts');
	const ticks = rowsOf('wazuh-analysisd.csv');
	t.true(ticks - remotedRows >= 30, `${ticks} ticks, remoted recorded ${remotedRows}`);
	for (const chart of panels(dead)) {
		const columns = chart.rows[0]!.cells.length;
		// The dead share of the window, less a column for the tick of death and one for rounding.
		const blank = Math.floor((columns * (ticks - remotedRows)) / ticks) - 2;
		for (const row of chart.rows) {
			t.is(row.cells.slice(columns - blank).trim(), '', `${chart.title}: drawn after the process died`);
		}

		// The whole screen in the message: this failed once in a full run under load, most likely on a
		// frame read before its bottom charts had arrived (hence whole() above).
		t.true(chart.rows.some(row => /\S/.test(row.cells.slice(0, columns - blank))), `${chart.title}: drawn while alive (${ticks} ticks, remoted recorded ${remotedRows}, ${columns} columns, ${blank} blank):\n${dead.join('\n')}`);
	}

	screen.write('q');
	const {exitCode} = await screen.exited;
	t.is(exitCode, 0);
});
