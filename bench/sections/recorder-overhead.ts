/**
 * Part 2: what each monitor costs the machine at 1 Hz, measured from outside through /proc: our
 * headless recorder (the real CLI, writing CSVs), the psutil reference (a thread per process, as
 * the original), and the floor reader. The three run side by side on the same fleet, so a change
 * in the machine's load between windows moves all of them alike (run one after the other, full
 * runs on this VM read the recorder at 0.98x to 1.49x of the floor).
 *
 * Two windows: the first seconds after start, and the steady state after a warm-up. Node's JIT
 * keeps compiling the per-tick code (~70 functions, ~0.5 s of compiling) for about the first
 * minute at 1 Hz, which in a 30 s window right after start costs more than the collector's own
 * JavaScript. A recorder runs for hours; the steady state is its cost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {removeAtExit, removeNow} from '../cleanup.js';
import type {Fleet} from '../fleet/fleet.js';
import {argumentOf} from '../fleet/names.js';
import type {Floor} from '../floor/floor.js';
import {cpuSeconds, statusBytes} from '../proc.js';
import type {PsutilPython} from '../reference/python.js';
import {sleep} from '../stats.js';
import {startSubject, stopSubject, type Subject} from '../subject.js';

export type Contender = 'wazuh-metrics' | 'psutil reference' | 'floor';
/** `first`: right after start (JIT warm-up included); `steady`: after the warm-up. */
export type Phase = 'first' | 'steady';

export type OverheadRow = {
	readonly fleet: string;
	readonly processes: number;
	readonly contender: Contender;
	readonly phase: Phase;
	/** Seconds from the contender's start to the start of the window, and the window's length. */
	readonly from: number;
	readonly seconds: number;
	readonly cpuPercent: number | undefined;
	readonly peakRss: number | undefined;
	/** CSV rows written per second during the window (a monitor that silently stopped shows here). */
	readonly rowsPerSecond: number | undefined;
	readonly problem: string | undefined;
};

export type OverheadSettings = {
	readonly seconds: number;
	/** Start of the first window, after the contenders' start. */
	readonly warmupMs: number;
	/** Start of the steady window, after the contenders' start; none in a quick run. */
	readonly steadyAfterMs: number | undefined;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(root, 'dist/cli.js');

function csvRows(folder: string): number {
	let rows = 0;
	for (const entry of fs.existsSync(folder) ? fs.readdirSync(folder) : []) {
		if (entry.endsWith('.csv')) {
			const text = fs.readFileSync(path.join(folder, entry), 'latin1');
			rows += Math.max(0, text.split('\n').filter(Boolean).length - 1);
		}
	}

	return rows;
}

type Running = {
	readonly contender: Contender;
	readonly folder: string;
	readonly subject: Subject | undefined;
	readonly problem: string | undefined;
};

type Reading = {cpu: number; at: number; rows: number} | {problem: string};

function read(running: Running): Reading {
	const {subject} = running;
	if (subject === undefined) {
		return {problem: running.problem ?? 'not started'};
	}

	const cpu = cpuSeconds(subject.child.pid!);
	if (cpu === undefined || subject.child.exitCode !== null) {
		const said = subject.stderr().trim().split('\n').slice(-2).join(' | ') || 'no message';
		return {problem: `exited early (${subject.child.exitCode ?? subject.child.signalCode}): ${said}`};
	}

	return {cpu, at: performance.now(), rows: running.contender === 'floor' ? 0 : csvRows(running.folder)};
}

function row(fleet: Fleet, running: Running, phase: Phase, from: number, start: Reading, end: Reading): OverheadRow {
	const base = {fleet: fleet.spec.label, processes: fleet.pids.length, contender: running.contender, phase, from};
	if ('problem' in start || 'problem' in end) {
		const problem = 'problem' in start ? start.problem : (end as {problem: string}).problem;
		return {...base, seconds: 0, cpuPercent: undefined, peakRss: undefined, rowsPerSecond: undefined, problem};
	}

	const seconds = (end.at - start.at) / 1000;
	return {
		...base,
		seconds,
		cpuPercent: (end.cpu - start.cpu) / seconds * 100,
		peakRss: statusBytes(running.subject!.child.pid!, 'VmHWM'),
		rowsPerSecond: running.contender === 'floor' ? undefined : (end.rows - start.rows) / seconds,
		problem: undefined,
	};
}

function launch(contender: Contender, start: (folder: string) => Subject | string): Running {
	const folder = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-rec-')));
	const started = start(folder);
	return typeof started === 'string'
		? {contender, folder, subject: undefined, problem: started}
		: {contender, folder, subject: started, problem: undefined};
}

export async function measureRecorders(fleet: Fleet, floor: Floor, python: PsutilPython, settings: OverheadSettings): Promise<OverheadRow[]> {
	const contenders = [
		launch('wazuh-metrics', folder => {
			if (!fs.existsSync(cliPath)) {
				return `${cliPath} is missing: npm run build`;
			}

			// Headless: Ink is never loaded, so the CI variables do not matter.
			return startSubject(process.execPath, [cliPath, ...fleet.cliArgs, ...fleet.names.map(name => argumentOf(name)), '--headless', '-s', '1', '--store-process', folder]);
		}),
		launch('psutil reference', folder => {
			if ('problem' in python) {
				return python.problem;
			}

			const script = path.join(root, 'bench/reference/psutil_monitor.py');
			return startSubject(python.python, [script, '--sleep', '1', '--out', folder, ...fleet.names]);
		}),
		launch('floor', () => startSubject(floor.command, [...floor.prefix, 'run', '1000', '0', ...fleet.pids.map(String)])),
	];
	const startedAt = performance.now();
	const waitUntil = async (ms: number): Promise<void> => sleep(Math.max(0, ms - (performance.now() - startedAt)));
	const windows: Array<{phase: Phase; fromMs: number}> = [{phase: 'first', fromMs: settings.warmupMs}];
	if (settings.steadyAfterMs !== undefined) {
		windows.push({phase: 'steady', fromMs: settings.steadyAfterMs});
	}

	const rows: OverheadRow[] = [];
	try {
		for (const {phase, fromMs} of windows) {
			await waitUntil(fromMs);
			const start = contenders.map(running => read(running));
			await waitUntil(fromMs + (settings.seconds * 1000));
			const end = contenders.map(running => read(running));
			rows.push(...contenders.map((running, index) => row(fleet, running, phase, fromMs / 1000, start[index]!, end[index]!)));
		}
	} finally {
		await Promise.all(contenders.map(async running => {
			if (running.subject !== undefined) {
				await stopSubject(running.subject);
			}

			removeNow(running.folder);
		}));
	}

	return rows;
}
