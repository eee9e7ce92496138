import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {type Fleet, type Shape, startFleet} from '../helpers/fleet.js';
import type {Report} from '../../source/report/report-model.js';
import {readCsv, runCli, scopeTo, startCli, waitFor} from '../helpers/cli.js';

/*
 * The report on real recordings: three simulated managers recorded side by side by the real CLI.
 * A and B are the same fleet; C differs from them in one thing, analysisd's CPU (10 % -> 40 %).
 * Every fleet has a daemon whose memory grows at a known rate (remoted, 12 MiB a minute, the
 * fake's leak in whole pages once a second) and steady ones. Ticks are counted, never timed.
 */

const mib = 1024 * 1024;
const leakMiBPerMinute = 12;
const trueSlopeMiBPerHour = leakMiBPerMinute * 60;
const ticks = 160;

type Run = {fleet: Fleet; folder: string; leakRss: {start: number; end: number; seconds: number}; whileRecording: {code: number | null; stderr: string; stdout: string}};
type Context = {runs: Record<'a' | 'b' | 'c', Run>};
const test = anyTest as TestFn<Context>;

const daemons = (analysisdCpu: number): Array<{name: string; shape?: Shape}> => [
	{name: 'wazuh-analysisd', shape: {cpu: analysisdCpu, memoryMb: 16}},
	{name: 'wazuh-remoted', shape: {memoryMb: 24, memoryGrowthMbPerMin: leakMiBPerMinute}},
	{name: 'wazuh-db', shape: {memoryMb: 8, children: 2, childShape: {memoryMb: 4}}},
	{name: 'wazuh-logcollector', shape: {fds: 10}},
];

const rssOf = (pid: number): number => {
	const match = /^Rss:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
	return Number(match![1]) * 1024;
};

const rows = (file: string): number => {
	try {
		return readCsv(file).rows.length;
	} catch {
		return 0;
	}
};

async function record(analysisdCpu: number): Promise<Run> {
	const fleet = await startFleet({daemons: daemons(analysisdCpu), decoy: false});
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-report-'));
	const {child, finished} = startCli(['analysisd', 'remoted', 'db', 'logcollector', '--headless', '-s', '0.25', '-v', '4.9.0', '--store-process', folder], scopeTo(fleet));
	const leak = fleet.pidOf('wazuh-remoted')!;
	const analysisdCsv = path.join(folder, 'wazuh-analysisd.csv');
	await waitFor(() => (rows(analysisdCsv) >= 8 ? true : undefined), 60_000, 'the first rows');
	const start = {rss: rssOf(leak), time: Date.now()};
	await waitFor(() => (rows(analysisdCsv) >= ticks / 2 ? true : undefined), 120_000, `${ticks / 2} rows`);
	// The report of a folder being written, half way through.
	const whileRecording = await runCli(['report', folder, '--format', 'json', '--warmup', '0']);
	await waitFor(() => (rows(analysisdCsv) >= ticks ? true : undefined), 120_000, `${ticks} rows`);
	const end = {rss: rssOf(leak), time: Date.now()};
	child.kill('SIGTERM');
	await finished;
	return {fleet, folder, leakRss: {start: start.rss, end: end.rss, seconds: (end.time - start.time) / 1000}, whileRecording};
}

async function report(folder: string, ...extra: string[]): Promise<Report> {
	const run = await runCli(['report', folder, '--format', 'json', '--warmup', '5', ...extra]);
	if (run.code !== 0) {
		throw new Error(`report exited ${run.code}: ${run.stderr}`);
	}

	return JSON.parse(run.stdout) as Report;
}

test.before(async t => {
	const [a, b, c] = await Promise.all([record(0.1), record(0.1), record(0.4)]);
	t.context = {runs: {a, b, c}};
});

test.after.always(async t => {
	for (const run of Object.values(t.context.runs ?? {})) {
		await run.fleet.stop();
		fs.rmSync(run.folder, {recursive: true, force: true});
	}
});

test('the leak is found within 10 % of its true slope, the steady daemons are stable, in every run', async t => {
	for (const [name, run] of Object.entries(t.context.runs)) {
		const result = await report(run.folder);
		const procSlope = ((run.leakRss.end - run.leakRss.start) / mib) / (run.leakRss.seconds / 3600);
		const remoted = result.daemons.find(entry => entry.daemon === 'wazuh-remoted')!;
		t.log(`${name}: the shape asks ${trueSlopeMiBPerHour} MiB/h, /proc saw ${procSlope.toFixed(0)}, the report says ${remoted.trends.map(trend => `${trend.metric} ${trend.slopeMiBPerHour?.toFixed(0)}`).join(', ')}`);
		for (const metric of ['rss', 'uss', 'pss'] as const) {
			const trend = remoted.trends.find(entry => entry.metric === metric)!;
			t.true(Math.abs(trend.slopeMiBPerHour! - trueSlopeMiBPerHour) <= 0.1 * trueSlopeMiBPerHour, `${name} ${metric}: ${trend.slopeMiBPerHour} MiB/h`);
			t.is(trend.verdict, 'growing', `${name} ${metric}`);
		}

		t.deepEqual(result.leaks, ['wazuh-remoted'], name);
		for (const steady of ['wazuh-analysisd', 'wazuh-db', 'wazuh-logcollector']) {
			t.is(result.daemons.find(entry => entry.daemon === steady)!.memoryVerdict, 'stable', `${name} ${steady}`);
		}
	}
});

test('db is summed with its two children, tick by tick', async t => {
	const result = await report(t.context.runs.a.folder);
	const db = result.daemons.find(entry => entry.daemon === 'wazuh-db')!;
	t.is(db.roles.length, 3);
	// The sum per tick, from the CSVs read by a second reader: the rows of the three files that
	// share a Timestamp added up (a child missing on a tick, under load, adds nothing), then averaged.
	const byTick = new Map<string, number>();
	for (const file of ['wazuh-db.csv', 'wazuh-db_child_1.csv', 'wazuh-db_child_2.csv']) {
		for (const row of readCsv(path.join(t.context.runs.a.folder, file)).rows) {
			byTick.set(row.Timestamp!, (byTick.get(row.Timestamp!) ?? 0) + (Number(row['RSS(KB)']) * 1024));
		}
	}

	const meanOfSums = [...byTick.values()].reduce((sum, value) => sum + value, 0) / byTick.size;
	t.true(Math.abs(db.total.rss.mean! - meanOfSums) < 1, `${db.total.rss.mean} vs ${meanOfSums}`);
	t.is(db.total.samples, byTick.size);
	t.true(db.total.rss.mean! > 16 * mib);
});

test('the CPU change between two runs is a significant regression; nothing else is flagged', async t => {
	const result = await report(t.context.runs.c.folder, '--baseline', t.context.runs.a.folder);
	t.is(result.verdict, 'regression');
	const flagged = result.comparisons!.flatMap(entry => entry.comparisons.filter(row => row.verdict === 'regression' || row.verdict === 'improvement').map(row => `${entry.daemon} ${row.statistic} ${row.verdict}`));
	t.deepEqual(flagged, ['wazuh-analysisd cpu.mean regression']);
	const cpu = result.comparisons!.find(entry => entry.daemon === 'wazuh-analysisd')!.comparisons.find(row => row.statistic === 'cpu.mean')!;
	t.log(`analysisd CPU ${cpu.baseline?.toFixed(1)} -> ${cpu.current?.toFixed(1)} %, p ${cpu.test?.p}`);
	t.true(cpu.test!.p! < 0.05);
	t.true(cpu.delta! > 20);
});

test('two runs of the same fleet are not flagged', async t => {
	const result = await report(t.context.runs.b.folder, '--baseline', t.context.runs.a.folder);
	t.is(result.verdict, 'no significant regression');
	const flagged = result.comparisons!.flatMap(entry => entry.comparisons.filter(row => row.verdict === 'regression' || row.verdict === 'improvement').map(row => `${entry.daemon} ${row.statistic} ${row.verdict} ${row.deltaPercent?.toFixed(1)} % p ${row.test?.p}`));
	t.deepEqual(flagged, []);
	t.is(result.comparisons!.length, 4);
});

test('a folder being recorded reads: the report written half way has every daemon and no error', t => {
	for (const run of Object.values(t.context.runs)) {
		t.is(run.whileRecording.code, 0, run.whileRecording.stderr);
		const result = JSON.parse(run.whileRecording.stdout) as Report;
		t.deepEqual(result.daemons.map(entry => entry.daemon).sort(), ['wazuh-analysisd', 'wazuh-db', 'wazuh-logcollector', 'wazuh-remoted']);
		// The rows of a tick reach the files one file after another: a report read in between sees the
		// tick in flight in some files only, so a daemon may have one tick fewer than analysisd had.
		t.true(result.daemons.every(entry => entry.total.samples >= (ticks / 2) - 1 && entry.total.samples < ticks), result.daemons.map(entry => entry.total.samples).join(','));
		t.false(result.recording.problems.some(problem => !problem.includes('half-written')), result.recording.problems.join('; '));
		// The folder's session.json says where and how it was recorded.
		t.is(result.recording.host, os.hostname());
		t.is(result.recording.intervalSeconds, 0.25);
	}
});
