/**
 * Part 5: memory over time. 3,600+ ticks at a fast interval stand for hours at 1 Hz. Two
 * subjects run side by side on the same fleet: the collector feeding the UI's history store (in a
 * child process, soak.ts), and the headless recorder CLI writing CSVs. Both are read after a full
 * garbage collection (gc-probe.mjs inside the CLI), so the figure is what the program keeps, not
 * V8's garbage sawtooth. Both run with V8's young generation pinned at its usual maximum (8 MB
 * semi-spaces): left alone it doubles in steps (4 -> 8 -> 16 MB) when ticks come every few ms,
 * a bounded one-time rise of up to 12 MB of RSS that a run of a minute reads as MBs per hour.
 * After the warm-up (the history's ring buffers filling), the least-squares slope of RSS per
 * tick, times 3,600, is the growth per hour at 1 Hz.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {killGroup, ownGroup, removeAtExit, removeNow} from '../cleanup.js';
import type {Fleet} from '../fleet/fleet.js';
import {argumentOf} from '../fleet/names.js';
import type {SoakOptions, SoakPoint} from '../memory/soak.js';
import {slope, sleep} from '../stats.js';
import {startSubject, stopSubject} from '../subject.js';
import {cliPath} from './recorder-overhead.js';

export type MemoryResult = {
	readonly subject: string;
	readonly ticks: number;
	readonly warmupTicks: number;
	readonly intervalMs: number;
	readonly rssStartMb: number;
	readonly rssEndMb: number;
	/** MB per 3,600 ticks after warm-up: per hour at 1 Hz. */
	readonly growthMbPerHour: number;
	/** The same for the JavaScript heap. */
	readonly heapGrowthMbPerHour: number;
	readonly problem: string | undefined;
};

export type MemorySettings = {readonly interval: number; readonly ticks: number; readonly warmupTicks: number; readonly capacity: number};

type Reading = {readonly tick: number; readonly rss: number; readonly heapUsed: number};

const here = path.dirname(fileURLToPath(import.meta.url));
/** Young generation at a fixed size (see above); full collections on demand. */
const soakFlags = ['--expose-gc', '--min-semi-space-size=8', '--max-semi-space-size=8'];
const mb = (bytes: number): number => bytes / 2 ** 20;

function summarise(subject: string, readings: readonly Reading[], settings: MemorySettings, problem?: string): MemoryResult {
	const after = readings.filter(reading => reading.tick >= settings.warmupTicks);
	const enough = after.length >= 5 && problem === undefined;
	const perHour = (key: 'rss' | 'heapUsed'): number => (enough ? mb(slope(after.map(reading => [reading.tick, reading[key]] as const))) * 3600 : Number.NaN);
	return {
		subject,
		ticks: readings.at(-1)?.tick ?? 0,
		warmupTicks: settings.warmupTicks,
		intervalMs: settings.interval * 1000,
		rssStartMb: after.length > 0 ? mb(after[0]!.rss) : Number.NaN,
		rssEndMb: readings.length > 0 ? mb(readings.at(-1)!.rss) : Number.NaN,
		growthMbPerHour: perHour('rss'),
		heapGrowthMbPerHour: perHour('heapUsed'),
		problem: problem ?? (enough ? undefined : 'too few readings after warm-up'),
	};
}

async function soakCollector(fleet: Fleet, settings: MemorySettings, timeoutSeconds: number): Promise<MemoryResult> {
	const options: SoakOptions = {names: fleet.names, interval: settings.interval, ticks: settings.ticks, every: 100, capacity: settings.capacity};
	const child = ownGroup(spawn(process.execPath, [...soakFlags, `--import=${import.meta.resolve('tsx')}`, path.join(here, '../memory/soak.ts'), JSON.stringify(options)], {
		detached: true,
		stdio: ['pipe', 'pipe', 'pipe'],
	}));
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	// A soak that hangs is ended; its readings so far still tell something.
	const timer = setTimeout(() => {
		killGroup(child.pid);
	}, timeoutSeconds * 1000);
	const readings: Reading[] = [];
	let samples = 0;
	for await (const line of readline.createInterface({input: child.stdout!})) {
		const point = JSON.parse(line) as SoakPoint;
		readings.push(point);
		samples = point.samples;
	}

	clearTimeout(timer);
	killGroup(child.pid);
	const lastError = stderr.trim().split('\n').at(-1) ?? '';
	const problem = readings.length === 0
		? `no output: ${lastError}`
		: (samples === fleet.pids.length ? undefined : `sampled ${samples} of ${fleet.pids.length} processes ${lastError}`);
	return summarise('collector + history store', readings, settings, problem);
}

/** The headless CLI recording CSVs, probed from inside; its tick count is estimated from the rows it wrote. */
async function soakRecorder(fleet: Fleet, settings: MemorySettings, seconds: number): Promise<MemoryResult> {
	const folder = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-soak-')));
	const probeFile = path.join(folder, 'memory.jsonl');
	const probe = pathToFileURL(path.join(here, '../memory/gc-probe.mjs')).href;
	const csvFolder = path.join(folder, 'csv');
	const subject = startSubject(
		process.execPath,
		[...soakFlags, `--import=${probe}`, cliPath, ...fleet.cliArgs, ...fleet.names.map(name => argumentOf(name)), '--headless', '-s', String(settings.interval), '--store-process', csvFolder],
		{...process.env, WM_BENCH_GC_PROBE: probeFile, WM_BENCH_GC_PROBE_MS: '250'},
	);
	const start = performance.now();
	while (performance.now() - start < seconds * 1000 && subject.child.exitCode === null) {
		await sleep(250);
	}

	const elapsed = (performance.now() - start) / 1000;
	await stopSubject(subject);
	const rootCsv = path.join(csvFolder, `${fleet.names[0]!}.csv`);
	const rows = fs.existsSync(rootCsv) ? fs.readFileSync(rootCsv, 'latin1').split('\n').filter(Boolean).length - 1 : 0;
	const lines = fs.existsSync(probeFile) ? fs.readFileSync(probeFile, 'utf8').split('\n').filter(Boolean) : [];
	removeNow(folder);
	if (rows <= 0 || lines.length === 0) {
		return summarise('headless recorder (CLI)', [], settings, `no ${rows <= 0 ? 'rows recorded' : 'memory readings'}: ${subject.stderr().trim().split('\n').at(-1) ?? ''}`);
	}

	const ticksPerMs = rows / (elapsed * 1000);
	const readings = lines.map(line => {
		const {at, rss, heapUsed} = JSON.parse(line) as {at: number; rss: number; heapUsed: number};
		return {tick: at * ticksPerMs, rss, heapUsed};
	});
	return summarise('headless recorder (CLI)', readings, settings);
}

export async function measureMemory(fleet: Fleet, settings: MemorySettings): Promise<MemoryResult[]> {
	// Side by side: the soak runs its ticks; the recorder runs for as long, at the same interval.
	const seconds = settings.ticks * settings.interval * 1.1;
	return Promise.all([soakCollector(fleet, settings, (seconds * 3) + 30), soakRecorder(fleet, settings, seconds)]);
}
