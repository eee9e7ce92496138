/**
 * Part 7: what reading the daemons' own statistics costs (docs/daemon-statistics.md).
 *
 * 1. The headless recorder CLI three times at once on one 4.x demo fleet (the simulated manager of
 *    `--demo`, started here and watched with `--install-dir`, which is what `--demo` does inside the
 *    CLI): `--no-stats`, `--stats-interval 5` and `--stats-interval 1`, each sampling processes at
 *    1 Hz into its own temporary folders (`--store-process`, and a state root hook for its log, so
 *    nothing goes to /var/log). CPU % of one core (utime + stime from /proc over a window after a
 *    warm-up) and peak RSS (VmHWM). Side by side, so the machine's load moves the three alike.
 *    The fleet's supervisor answers the statistics queries: its CPU is the simulated daemons',
 *    not the CLI's.
 * 2. The time one query takes, connect + request + reply, with the collector's own code
 *    (source/collect/stats/socket-query.ts) against the demo's sockets: analysisd, remoted and
 *    wazuh-db `getstats` on the 4.x fleet (after the CLIs are stopped), the engine's
 *    `POST /metrics/dump` on a 5.x one. These are the simulated daemons' answers (Node, in the
 *    demo's supervisor), not real Wazuh's; the figures bound the collector's side of a round.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {engineRequest, parseEngineDump} from '../../source/collect/stats/engine.js';
import {getstatsRequest, type GetstatsKind, parseGetstatsReply} from '../../source/collect/stats/getstats.js';
import {queryEngine, queryFramed} from '../../source/collect/stats/socket-query.js';
import {demoManager, demoManager5, type Fleet, startFleet} from '../../source/demo/fleet.js';
import {cliCommand} from '../../test/helpers/cli.js';
import {removeAtExit, removeNow} from '../cleanup.js';
import {cpuSeconds, statusBytes} from '../proc.js';
import {median, percentile, sleep} from '../stats.js';
import {startSubject, stopSubject, type Subject} from '../subject.js';

export type DaemonStatsSettings = {
	/** Length of the CPU window. */
	readonly seconds: number;
	/** Start of the window after the CLIs' start. */
	readonly warmupMs: number;
	/** Queries timed per daemon (after a few not counted). */
	readonly queries: number;
};

export type StatsVariant = 'off' | '5s' | '1s';

export type StatsCostRow = {
	readonly variant: StatsVariant;
	/** The statistics options given. */
	readonly options: string;
	readonly from: number;
	readonly seconds: number;
	readonly cpuPercent: number | undefined;
	readonly peakRss: number | undefined;
	/** Process CSV rows per second in the window. */
	readonly rowsPerSecond: number | undefined;
	/** Statistics CSV rows per second in the window (each daemon's round is a row). */
	readonly statsRowsPerSecond: number | undefined;
	readonly problem: string | undefined;
};

export type QueryKind = 'analysisd' | 'remoted' | 'wazuh-db' | 'engine';

export type QueryTiming = {
	readonly kind: QueryKind;
	/** What was asked, where. */
	readonly what: string;
	readonly queries: number;
	readonly medianMs: number;
	readonly p95Ms: number;
	readonly maxMs: number;
	readonly replyBytes: number;
	readonly problem: string | undefined;
};

export type DaemonStatsResult = {
	readonly processes: number;
	readonly cost: StatsCostRow[];
	readonly queries: QueryTiming[];
};

const variants: ReadonlyArray<{variant: StatsVariant; options: string[]}> = [
	{variant: 'off', options: ['--no-stats']},
	{variant: '5s', options: ['--stats-interval', '5']},
	{variant: '1s', options: ['--stats-interval', '1']},
];

/** Queries before the timed ones: the bench's own first calls (JIT, module loading) are not the daemon's. */
const unTimed = 3;
/** The collector's deadline per query (source-reader.ts). */
const deadlineMs = 1000;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

function csvRows(folder: string): number {
	let rows = 0;
	for (const entry of fs.existsSync(folder) ? fs.readdirSync(folder) : []) {
		if (entry.endsWith('.csv')) {
			rows += Math.max(0, fs.readFileSync(path.join(folder, entry), 'latin1').split('\n').filter(Boolean).length - 1);
		}
	}

	return rows;
}

/** Processes of the fleet (supervisor excluded), as the CLI's session.json does not say. */
function fleetProcesses(fleet: Fleet): number {
	let count = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			try {
				if (fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(fleet.dir + path.sep) && Number(entry) !== fleet.supervisorPid) {
					count++;
				}
			} catch {}
		}
	}

	return count;
}

type Running = {variant: StatsVariant; options: string[]; folder: string; subject: Subject};
type Reading = {cpu: number; at: number; rows: number; statsRows: number} | {problem: string};

function read(running: Running): Reading {
	const {child} = running.subject;
	const cpu = cpuSeconds(child.pid!);
	if (cpu === undefined || child.exitCode !== null) {
		const said = running.subject.stderr().trim().split('\n').slice(-2).join(' | ') || 'no message';
		return {problem: `exited early (${child.exitCode ?? child.signalCode}): ${said}`};
	}

	const records = path.join(running.folder, 'records');
	return {cpu, at: performance.now(), rows: csvRows(records), statsRows: csvRows(path.join(records, 'stats'))};
}

function costRow(running: Running, from: number, start: Reading, end: Reading): StatsCostRow {
	const base = {variant: running.variant, options: running.options.join(' '), from};
	if ('problem' in start || 'problem' in end) {
		const problem = 'problem' in start ? start.problem : (end as {problem: string}).problem;
		return {...base, seconds: 0, cpuPercent: undefined, peakRss: undefined, rowsPerSecond: undefined, statsRowsPerSecond: undefined, problem};
	}

	const seconds = (end.at - start.at) / 1000;
	return {
		...base,
		seconds,
		cpuPercent: (end.cpu - start.cpu) / seconds * 100,
		peakRss: statusBytes(running.subject.child.pid!, 'VmHWM'),
		rowsPerSecond: (end.rows - start.rows) / seconds,
		statsRowsPerSecond: (end.statsRows - start.statsRows) / seconds,
		problem: undefined,
	};
}

async function measureCost(fleet: Fleet, settings: DaemonStatsSettings): Promise<StatsCostRow[]> {
	const runs: Running[] = variants.map(({variant, options}) => {
		const folder = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), `wm-bench-stats-${variant}-`)));
		// The test entry of the built CLI: a state root of its own (its log), and a lifeline to us.
		const args = cliCommand(['--install-dir', fleet.dir, '--headless', '-s', '1', '--store-process', path.join(folder, 'records'), ...options], {stateRoot: path.join(folder, 'state')});
		return {variant, options, folder, subject: startSubject(process.execPath, args)};
	});
	try {
		await sleep(settings.warmupMs);
		const start = runs.map(running => read(running));
		await sleep(settings.seconds * 1000);
		const end = runs.map(running => read(running));
		const from = settings.warmupMs / 1000;
		const rows = runs.map((running, index) => costRow(running, from, start[index]!, end[index]!));
		// A variant that read no statistics (or read some while told not to) measured something else.
		return rows.map(row => {
			if (row.problem !== undefined) {
				return row;
			}

			const wrong = row.variant === 'off' ? row.statsRowsPerSecond! > 0 : row.statsRowsPerSecond === 0;
			return wrong ? {...row, problem: row.variant === 'off' ? 'wrote statistics with --no-stats' : 'wrote no statistics rows in the window'} : row;
		});
	} finally {
		await Promise.all(runs.map(async running => {
			await stopSubject(running.subject);
			removeNow(running.folder);
		}));
	}
}

/** Times `count` queries of one kind, one after the other; the reply of the last one is parsed once. */
async function timeQueries(kind: QueryKind, what: string, count: number, ask: (signal: AbortSignal) => Promise<string>, parse: (text: string) => unknown): Promise<QueryTiming> {
	const times: number[] = [];
	let reply = '';
	try {
		for (let index = 0; index < unTimed + count; index++) {
			const controller = new AbortController();
			const timer = setTimeout(() => {
				controller.abort(new Error(`no answer within ${deadlineMs} ms`));
			}, deadlineMs);
			const started = performance.now();
			try {
				reply = await ask(controller.signal);
			} finally {
				clearTimeout(timer);
			}

			if (index >= unTimed) {
				times.push(performance.now() - started);
			}
		}

		parse(reply);
	} catch (error: unknown) {
		return {kind, what, queries: times.length, medianMs: Number.NaN, p95Ms: Number.NaN, maxMs: Number.NaN, replyBytes: Buffer.byteLength(reply), problem: message(error)};
	}

	return {kind, what, queries: times.length, medianMs: median(times), p95Ms: percentile(times, 95), maxMs: Math.max(...times), replyBytes: Buffer.byteLength(reply), problem: undefined};
}

async function timeGetstats(fleet: Fleet, count: number): Promise<QueryTiming[]> {
	const sockets: ReadonlyArray<[GetstatsKind, string]> = [['analysisd', 'queue/sockets/analysis'], ['remoted', 'queue/sockets/remote'], ['wazuh-db', 'queue/db/wdb']];
	const timings: QueryTiming[] = [];
	for (const [kind, socket] of sockets) {
		const file = path.join(fleet.dir, socket);
		timings.push(await timeQueries(kind, `getstats on ${socket} (4.x)`, count, async signal => queryFramed(file, getstatsRequest, signal), text => parseGetstatsReply(kind, text)));
	}

	return timings;
}

async function timeEngine(fleet: Fleet, count: number): Promise<QueryTiming> {
	const file = path.join(fleet.dir, 'queue/sockets/analysis');
	return timeQueries('engine', 'POST /metrics/dump on queue/sockets/analysis (5.x)', count, async signal => queryEngine(file, engineRequest, signal), parseEngineDump);
}

const onSlowStart = (progress: (line: string) => void) => ({ready, total, seconds}: {ready: number; total: number; seconds: number}): void => {
	progress(`daemon stats: the demo fleet is still starting, ${ready} of ${total} daemons after ${seconds} s`);
};

export async function measureDaemonStats(settings: DaemonStatsSettings, progress: (line: string) => void): Promise<DaemonStatsResult> {
	progress('daemon stats: starting a 4.x demo fleet');
	const fleet4 = await startFleet({daemons: demoManager, onSlowStart: onSlowStart(progress)});
	let processes = 0;
	let cost: StatsCostRow[];
	const queries: QueryTiming[] = [];
	try {
		processes = fleetProcesses(fleet4);
		progress(`daemon stats: 3 headless CLIs side by side (no stats, every 5 s, every 1 s), ${settings.warmupMs / 1000} s warm-up, ${settings.seconds} s window`);
		cost = await measureCost(fleet4, settings);
		progress(`daemon stats: ${settings.queries} getstats queries per daemon`);
		queries.push(...await timeGetstats(fleet4, settings.queries));
	} finally {
		await fleet4.stop();
	}

	progress('daemon stats: starting a 5.x demo fleet');
	const fleet5 = await startFleet({daemons: demoManager5, onSlowStart: onSlowStart(progress)});
	try {
		progress(`daemon stats: ${settings.queries} engine dumps`);
		queries.push(await timeEngine(fleet5, settings.queries));
	} finally {
		await fleet5.stop();
	}

	return {processes, cost, queries};
}
