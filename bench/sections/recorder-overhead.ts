/**
 * Part 2: what each monitor costs the machine at 1 Hz, measured from outside through /proc: our
 * headless recorder (the real CLI, writing CSVs), the psutil reference (a thread per process, as
 * the original), and the floor reader, one after the other on the same fleet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {removeAtExit, removeNow} from '../cleanup.js';
import type {Fleet} from '../fleet/fleet.js';
import {argumentOf} from '../fleet/names.js';
import type {Floor} from '../floor/floor.js';
import type {PsutilPython} from '../reference/python.js';
import {measureWindow, startSubject, stopSubject, type Subject} from '../subject.js';

export type Contender = 'wazuh-metrics' | 'psutil reference' | 'floor';

export type OverheadRow = {
	readonly fleet: string;
	readonly processes: number;
	readonly contender: Contender;
	readonly cpuPercent: number | undefined;
	readonly peakRss: number | undefined;
	/** CSV rows written per second during the window (a monitor that silently stopped shows here). */
	readonly rowsPerSecond: number | undefined;
	readonly problem: string | undefined;
};

export type OverheadSettings = {readonly seconds: number; readonly warmupMs: number};

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

async function measure(fleet: Fleet, contender: Contender, settings: OverheadSettings, launch: (folder: string) => Subject | string): Promise<OverheadRow> {
	const base = {fleet: fleet.spec.label, processes: fleet.pids.length, contender};
	const folder = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-rec-')));
	const subject = launch(folder);
	if (typeof subject === 'string') {
		removeNow(folder);
		return {...base, cpuPercent: undefined, peakRss: undefined, rowsPerSecond: undefined, problem: subject};
	}

	try {
		let rowsAtStart = 0;
		const window = await measureWindow(subject, settings.warmupMs, settings.seconds, () => {
			rowsAtStart = csvRows(folder);
		});
		const rows = csvRows(folder) - rowsAtStart;
		return {
			...base,
			cpuPercent: window.cpuPercent,
			peakRss: window.peakRss,
			rowsPerSecond: contender === 'floor' ? undefined : rows / window.seconds,
			problem: undefined,
		};
	} catch (error: unknown) {
		return {...base, cpuPercent: undefined, peakRss: undefined, rowsPerSecond: undefined, problem: (error as Error).message};
	} finally {
		await stopSubject(subject);
		removeNow(folder);
	}
}

export async function measureRecorders(fleet: Fleet, floor: Floor, python: PsutilPython, settings: OverheadSettings): Promise<OverheadRow[]> {
	const rows: OverheadRow[] = [];
	rows.push(await measure(fleet, 'wazuh-metrics', settings, folder => {
		if (!fs.existsSync(cliPath)) {
			return `${cliPath} is missing: npm run build`;
		}

		const environment = {...process.env};
		delete environment.CI;
		return startSubject(process.execPath, [cliPath, ...fleet.names.map(name => argumentOf(name)), '--headless', '-s', '1', '--store-process', folder], environment);
	}));
	rows.push(await measure(fleet, 'psutil reference', settings, folder => {
		if ('problem' in python) {
			return python.problem;
		}

		const script = path.join(root, 'bench/reference/psutil_monitor.py');
		return startSubject(python.python, [script, '--sleep', '1', '--out', folder, ...fleet.names]);
	}));
	rows.push(await measure(fleet, 'floor', settings, () =>
		startSubject(floor.command, [...floor.prefix, 'run', '1000', '0', ...fleet.pids.map(String)])));
	return rows;
}
