import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {trendVerdicts} from '../../source/model/growth.js';
import {type Report, reportVerdicts} from '../../source/report/report-model.js';
import {runCli} from '../helpers/cli.js';
import {gateSeconds, type GateShape, oddDaemon, writeGateRecording} from '../helpers/gate-recordings.js';
import {hasJunitparser, type JunitDocument, junitparserInstallHint, readJunit} from '../helpers/junit-reader.js';
import {seededRandom} from '../helpers/random.js';

/*
 * `report --fail-on` and `--format junit` through the built CLI, on session folders written by the
 * recorder's own CSV row writer (helpers/gate-recordings.ts): a flat recording, one where wazuh-db's
 * memory grows 2 MiB a minute, a baseline, and one whose analysisd uses 40 % CPU where the baseline
 * used 10 %. A daemon's name and the folders' names hold XML's special characters. The JUnit XML is
 * read by junitparser (python3-junitparser) and its counts are checked against the JSON report.
 */

const seconds = gateSeconds;
const random = seededRandom(20_260_112);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-gate-&<"\'>-'));
test.after.always(() => {
	fs.rmSync(root, {recursive: true, force: true});
});
const record = (name: string, shape: GateShape): string => writeGateRecording(path.join(root, name), shape, random);
const flat = record('flat', {analysisdCpu: 10, dbGrowthMiBPerMinute: 0});
const growing = record('growing', {analysisdCpu: 10, dbGrowthMiBPerMinute: 2});
const baseline = record('baseline', {analysisdCpu: 10, dbGrowthMiBPerMinute: 0});
const regressed = record('regressed', {analysisdCpu: 40, dbGrowthMiBPerMinute: 0});

async function jsonReport(args: readonly string[]): Promise<Report> {
	const run = await runCli(['report', ...args, '--format', 'json']);
	if (run.code !== 0) {
		throw new Error(`report --format json exited ${run.code}: ${run.stderr}`);
	}

	return JSON.parse(run.stdout) as Report;
}

test('the recordings are what the gate is tried on: flat and baseline stable, wazuh-db growing, analysisd a CPU regression', async t => {
	t.log(`seed ${random.seed}`);
	const memory = (report: Report): Record<string, string> => Object.fromEntries(report.daemons.map(daemon => [daemon.daemon, daemon.memoryVerdict]));
	t.deepEqual(memory(await jsonReport([flat])), {'wazuh-analysisd': 'stable', 'wazuh-db': 'stable', [oddDaemon]: 'stable'});
	t.is(memory(await jsonReport([growing]))['wazuh-db'], 'growing');
	t.is((await jsonReport([flat, '--baseline', baseline])).verdict, 'no significant regression');
	const report = await jsonReport([regressed, '--baseline', baseline]);
	t.is(report.verdict, 'regression');
	t.deepEqual(report.comparisons!.filter(entry => entry.verdict === 'regression').map(entry => entry.daemon), ['wazuh-analysisd']);
});

const gate: Array<{args: string[]; code: number; stderr?: RegExp}> = [
	{args: [flat, '--fail-on', 'growing'], code: 0},
	{args: [growing, '--fail-on', 'growing'], code: 3, stderr: /^wazuh-metrics: --fail-on growing: wazuh-db's memory is growing$/},
	{args: [growing, '--fail-on', 'shrinking,unknown'], code: 0},
	{args: [growing, '--fail-on', 'regression', '--fail-on', 'growing', '--baseline', baseline], code: 3, stderr: /^wazuh-metrics: --fail-on regression,growing: wazuh-db's memory is growing$/},
	{args: [flat, '--fail-on', 'regression,growing', '--baseline', baseline], code: 0},
	{args: [regressed, '--fail-on', 'regression', '--baseline', baseline], code: 3, stderr: /^wazuh-metrics: --fail-on regression: the verdict against the baseline is regression$/},
	{args: [regressed, '--fail-on', 'growing', '--baseline', baseline], code: 0},
	{args: [flat, '--fail-on', 'stable'], code: 3, stderr: /wazuh-analysisd's memory is stable/},
];

for (const {args, code, stderr} of gate) {
	const label = args.map(arg => (arg.startsWith(root) ? path.basename(arg) : arg)).join(' ');
	test(`report ${label}: exit ${code}, the report printed as without --fail-on`, async t => {
		const [run, plain] = await Promise.all([runCli(['report', ...args]), runCli(['report', ...args.filter((arg, index) => arg !== '--fail-on' && args[index - 1] !== '--fail-on')])]);
		t.is(run.code, code, run.stderr);
		t.is(plain.code, 0, plain.stderr);
		t.regex(run.stdout, /^## Footprint report/);
		t.is(run.stdout.replace(/^_wazuh-metrics .*$/m, ''), plain.stdout.replace(/^_wazuh-metrics .*$/m, ''));
		if (stderr === undefined) {
			t.is(run.stderr, '');
		} else {
			t.is(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
			t.regex(run.stderr.trimEnd(), stderr);
		}
	});
}

const badInput: Array<[string[], RegExp]> = [
	[[flat, '--fail-on', 'leak'], /^wazuh-metrics: --fail-on takes verdicts of the report, comma-separated \((.+)\), not "leak"$/],
	[[flat, '--fail-on', 'growing,'], /^wazuh-metrics: --fail-on takes verdicts of the report, comma-separated \(.+\), not ""$/],
	[[flat, '--fail-on', 'Growing'], /not "Growing"$/],
	[[flat, '--fail-on'], /^wazuh-metrics: report: Option '--fail-on <value>' argument missing$/],
	[[flat, '--fail-on', 'growing,regression'], /^wazuh-metrics: --fail-on regression needs --baseline: without one the report has no verdict against a baseline$/],
	[[flat, '--format', 'xml'], /^wazuh-metrics: --format takes md, json, html or junit, not "xml"$/],
];

for (const [args, message] of badInput) {
	test(`bad --fail-on/--format, one line and exit 2: ${args.slice(1).join(' ')}`, async t => {
		const run = await runCli(['report', ...args]);
		t.is(run.code, 2, run.stderr);
		t.is(run.stdout, '');
		t.is(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
		t.regex(run.stderr.trimEnd(), message);
	});
}

test('an unknown verdict lists the report\'s own verdicts, every one of them, and --help names them', async t => {
	const run = await runCli(['report', flat, '--fail-on', 'leak']);
	const listed = /\((.+)\)/.exec(run.stderr)![1]!.split(' | ');
	t.deepEqual(listed, [...reportVerdicts, ...trendVerdicts]);
	const help = await runCli(['report', '--help']);
	t.true(help.stdout.replaceAll(/\s+/g, ' ').includes([...reportVerdicts, ...trendVerdicts].join(' | ')), help.stdout);
});

/** What the JUnit document must hold, counted from the JSON report: per daemon its memory, per daemon and tested mean against the baseline, the verdict. */
function expected(report: Report, flags: readonly string[]): {tests: number; failures: number; skipped: number} {
	const tested = ['cpu', 'vms', 'rss', 'uss', 'pss', 'swap', 'fd', 'threads'];
	let tests = report.daemons.length + 1;
	let failures = report.daemons.filter(daemon => flags.includes(daemon.memoryVerdict)).length + (report.verdict !== null && flags.includes(report.verdict) ? 1 : 0);
	let skipped = report.daemons.filter(daemon => daemon.memoryVerdict === 'unknown' && !flags.includes('unknown')).length + (report.verdict === null ? 1 : 0);
	if (report.comparisons !== null) {
		tests += report.daemons.length * tested.length;
		for (const entry of report.comparisons) {
			const rows = entry.comparisons.filter(row => row.test !== null);
			failures += rows.filter(row => row.verdict === 'regression' && flags.includes('regression')).length;
			skipped += tested.length - rows.length;
		}
	}

	return {tests, failures, skipped};
}

/** The cases junitparser read, counted; and the counts the document's attributes say (its root's and its one suite's), which must be the same. */
function totals(document: JunitDocument): {tests: number; failures: number; skipped: number} {
	const cases = document.suites.flatMap(suite => suite.cases);
	const counted = {tests: cases.length, failures: cases.filter(entry => entry.result === 'failure').length, skipped: cases.filter(entry => entry.result === 'skipped').length};
	for (const written of [document, ...document.suites]) {
		const said = {tests: written.tests, failures: written.failures, skipped: written.skipped};
		if (JSON.stringify(said) !== JSON.stringify(counted) || written.errors !== 0) {
			throw new Error(`the attributes say ${JSON.stringify({...said, errors: written.errors})}, the cases are ${JSON.stringify(counted)}`);
		}
	}

	return counted;
}

if (hasJunitparser) {
	test('junit against a baseline with --fail-on regression: exit 3, read by junitparser, its counts the JSON report\'s', async t => {
		const run = await runCli(['report', regressed, '--baseline', baseline, '--fail-on', 'regression', '--format', 'junit']);
		t.is(run.code, 3, run.stderr);
		t.regex(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
		const document = readJunit(run.stdout);
		const report = await jsonReport([regressed, '--baseline', baseline]);
		const want = expected(report, ['regression']);
		t.deepEqual(want, {tests: (3 * 9) + 1, failures: 2, skipped: 0}, 'analysisd\'s CPU mean and the verdict');
		t.deepEqual(totals(document), want);
		t.is(document.root, 'testsuites');
		t.is(document.suites.length, 1, 'one suite per report');
		const [suite] = document.suites;
		t.is(suite!.time, seconds - 1);
		t.is(suite!.timestamp, '2026-01-12T09:00:00');
		t.is(suite!.name, `footprint ${regressed}`);
		t.deepEqual(suite!.properties, {recording: regressed, baseline, 'fail-on': 'regression', 'generated-by': report.generatedBy});
		const failed = suite!.cases.filter(entry => entry.result === 'failure');
		t.deepEqual(failed.map(entry => [entry.classname, entry.name, entry.type]), [
			['wazuh-analysisd', 'CPU mean (%) against the baseline', 'regression'],
			['wazuh-metrics report', 'verdict against the baseline', 'regression'],
		]);
		const cpu = report.comparisons!.find(entry => entry.daemon === 'wazuh-analysisd')!.comparisons.find(row => row.statistic === 'cpu.mean')!;
		t.is(failed[0]!.message, `regression: ${cpu.baseline!.toFixed(1)} → ${cpu.current!.toFixed(1)} (+${cpu.delta!.toFixed(1)}, +${cpu.deltaPercent!.toFixed(1)} %), p <0.0001`);
		t.log(failed[0]!.message);
		t.false(failed[0]!.message!.includes('\n'), 'a one-line message');
		t.true(failed[0]!.text!.includes(`Rule: ${report.rules.significance}`));
		t.is(failed[1]!.message, 'regression: wazuh-analysisd (cpu.mean)');
		// XML's special characters in a daemon's name and in the folders' paths come back as they were.
		t.deepEqual([...new Set(suite!.cases.map(entry => entry.classname))], ['wazuh-analysisd', 'wazuh-db', oddDaemon, 'wazuh-metrics report']);
		t.true(suite!.cases.every(entry => entry.time >= 0));
		t.is(suite!.cases.find(entry => entry.classname === 'wazuh-db' && entry.name === 'memory growth')!.time, seconds - 1);
	});

	test('junit without --fail-on flags regression and growing; exit 0; no baseline: the verdict skipped', async t => {
		const run = await runCli(['report', growing, '--format', 'junit']);
		t.is(run.code, 0, run.stderr);
		t.is(run.stderr, '');
		const document = readJunit(run.stdout);
		const want = expected(await jsonReport([growing]), ['regression', 'growing']);
		t.deepEqual(want, {tests: 4, failures: 1, skipped: 1});
		t.deepEqual(totals(document), want);
		const [suite] = document.suites;
		t.is(suite!.properties['fail-on'], 'regression,growing');
		const failure = suite!.cases.find(entry => entry.result === 'failure')!;
		t.deepEqual([failure.classname, failure.name, failure.type], ['wazuh-db', 'memory growth', 'growing']);
		t.log(failure.message);
		t.regex(failure.message!, /^growing: RSS \+\d+\.\d\d MiB\/h \[\+\d+\.\d\d … \+\d+\.\d\d\], PSS .+, USS .+$/);
		t.deepEqual(suite!.cases.filter(entry => entry.result === 'skipped').map(entry => [entry.name, entry.message]), [['verdict against the baseline', 'no baseline (--baseline)']]);
		t.regex(suite!.cases.find(entry => entry.classname === 'wazuh-analysisd')!.systemOut!, /^stable: RSS /);
	});

	test('junit on the flat recording against the baseline: no failure, exit 0 with --fail-on regression,growing', async t => {
		const run = await runCli(['report', flat, '--baseline', baseline, '--fail-on', 'regression,growing', '--format', 'junit']);
		t.is(run.code, 0, run.stderr);
		const document = readJunit(run.stdout);
		const want = expected(await jsonReport([flat, '--baseline', baseline]), ['regression', 'growing']);
		t.deepEqual(want, {tests: 28, failures: 0, skipped: 0});
		t.deepEqual(totals(document), want);
	});
} else {
	test(`report --format junit read by junitparser: skipped (install with: ${junitparserInstallHint})`, t => {
		// Not a silent skip: under CI the package must be there (.ci/run installs it).
		t.false(Boolean(process.env.CI), `CI is set but python3-junitparser is missing: ${junitparserInstallHint}`);
		t.log(`python3-junitparser is not installed: ${junitparserInstallHint}`);
	});
}
