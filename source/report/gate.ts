import {trendVerdicts, type TrendVerdict} from '../model/growth.js';
import {testedMeans} from './compare.js';
import {pValue, signed, statisticLabel, statisticValue} from './format-values.js';
import {type DaemonReport, type Report, reportVerdicts, type ReportVerdict, type Trend} from './report-model.js';

/*
 * The report as a CI gate (docs/report.md, "As a CI gate"): `--fail-on` names verdicts the report
 * computes, and the report's checks (one per daemon and check, plus the verdict against the
 * baseline) each fail when their verdict is named. `--format junit` prints these checks; the exit
 * status is 3 when one of them failed. The daemons' own statistics are not checks: their verdicts
 * stay in their section, as they stay out of the report's verdict.
 */

/** What `--fail-on` takes: the report's verdict against a baseline, then a daemon's memory verdict. */
export const gateVerdicts: readonly GateVerdict[] = [...reportVerdicts, ...trendVerdicts];
export type GateVerdict = ReportVerdict | TrendVerdict;

/** The verdicts a JUnit report flags when `--fail-on` names none. */
export const defaultFlags: readonly GateVerdict[] = ['regression', 'growing'];

/** One check of the report: a JUnit test case. */
export type Check = {
	/** The daemon it is about, or `reportClass` for the verdict against the baseline. */
	readonly classname: string;
	readonly name: string;
	/** Seconds of recording the check covers. */
	readonly seconds: number;
	/** Its verdict, in the report's words (null: no verdict, the check is skipped). */
	readonly verdict: string | null;
	readonly outcome: 'passed' | 'failed' | 'skipped';
	/** One line: the verdict and its figures (or why there is none). */
	readonly message: string;
	/** The rule that gave the verdict. */
	readonly rule: string;
};

const reportClass = 'wazuh-metrics report';

const metricNames: Record<Trend['metric'], string> = {rss: 'RSS', pss: 'PSS', uss: 'USS'};

function trendFigures(trend: Trend): string {
	return `${metricNames[trend.metric]} ${signed(trend.slopeMiBPerHour, 2)} MiB/h [${signed(trend.lowMiBPerHour, 2)} … ${signed(trend.highMiBPerHour, 2)}]`;
}

function memoryCheck(daemon: DaemonReport, flags: ReadonlySet<string>, rule: string): Check {
	const verdict = daemon.memoryVerdict;
	const fitted = daemon.trends.filter(trend => trend.slopeMiBPerHour !== null);
	const message = fitted.length === 0
		? `${verdict}: no memory trend (${Math.max(0, ...daemon.trends.map(trend => trend.samples))} samples after the warm-up of ${daemon.warmupSeconds.toFixed(0)} s)`
		: `${verdict}: ${fitted.map(trend => trendFigures(trend)).join(', ')}`;
	let outcome: Check['outcome'] = 'passed';
	if (flags.has(verdict)) {
		outcome = 'failed';
	} else if (verdict === 'unknown') {
		outcome = 'skipped';
	}

	return {classname: daemon.daemon, name: 'memory growth', seconds: daemon.total.durationSeconds, verdict, outcome, message, rule};
}

/** Without a baseline: none (the verdict's check says there is no baseline). */
function comparisonChecks(report: Report, flags: ReadonlySet<string>): Check[] {
	if (report.comparisons === null) {
		return [];
	}

	const rule = report.rules.significance;
	const checks: Check[] = [];
	const skipped = (classname: string, seconds: number, message: string): Check => ({classname, name: 'against the baseline', seconds, verdict: null, outcome: 'skipped', message, rule});
	for (const daemon of report.daemons) {
		const seconds = daemon.total.durationSeconds;
		const compared = report.comparisons.find(entry => entry.daemon === daemon.daemon);
		if (compared === undefined) {
			checks.push(skipped(daemon.daemon, seconds, 'not in the baseline'));
			continue;
		}

		for (const statistic of testedMeans) {
			const name = `${statisticLabel(statistic)} against the baseline`;
			const row = compared.comparisons.find(entry => entry.statistic === statistic);
			if (row === undefined) {
				checks.push({classname: daemon.daemon, name, seconds, verdict: null, outcome: 'skipped', message: 'no values in one of the two recordings', rule});
				continue;
			}

			const delta = row.delta === null ? '–' : `${row.delta > 0 ? '+' : ''}${statisticValue(statistic, row.delta)}`;
			const p = pValue(row.test?.p);
			const message = `${row.verdict}: ${statisticValue(statistic, row.baseline)} → ${statisticValue(statistic, row.current)} (${delta}, ${signed(row.deltaPercent)} %), p ${p.startsWith('<') ? p : `= ${p}`}`;
			const failed = row.verdict === 'regression' && flags.has('regression');
			checks.push({classname: daemon.daemon, name, seconds, verdict: row.verdict, outcome: failed ? 'failed' : 'passed', message, rule});
		}
	}

	for (const daemon of report.baselineDaemons ?? []) {
		if (!report.daemons.some(entry => entry.daemon === daemon.daemon)) {
			checks.push(skipped(daemon.daemon, daemon.total.durationSeconds, 'in the baseline only, not in this recording'));
		}
	}

	return checks;
}

/** Seconds from the recording's first row to its last. */
export function recordingSeconds(report: Report): number {
	const {start, end} = report.recording;
	return start === null || end === null ? 0 : (end - start) / 1000;
}

function verdictCheck(report: Report, flags: ReadonlySet<string>): Check {
	const base = {classname: reportClass, name: 'verdict against the baseline', seconds: recordingSeconds(report), rule: report.rules.significance};
	if (report.verdict === null) {
		return {...base, verdict: null, outcome: 'skipped', message: 'no baseline (--baseline)'};
	}

	const regressed = (report.comparisons ?? []).filter(entry => entry.verdict === 'regression').map(entry =>
		`${entry.daemon} (${entry.comparisons.filter(row => row.verdict === 'regression').map(row => row.statistic).join(', ')})`);
	const message = regressed.length === 0 ? report.verdict : `${report.verdict}: ${regressed.join('; ')}`;
	return {...base, verdict: report.verdict, outcome: flags.has(report.verdict) ? 'failed' : 'passed', message};
}

/** Every check of the report, failed where its verdict is among `flags`: per daemon its memory, then against the baseline, then the verdict. */
export function reportChecks(report: Report, flags: readonly GateVerdict[]): Check[] {
	const named = new Set<string>(flags);
	return [
		...report.daemons.map(daemon => memoryCheck(daemon, named, report.rules.trend)),
		...comparisonChecks(report, named),
		verdictCheck(report, named),
	];
}

/**
 * What makes `--fail-on flags` fail, in words (empty: it passes): the report's verdict, or a
 * daemon's memory verdict, among `flags`.
 */
export function gateFailures(report: Report, flags: readonly GateVerdict[]): string[] {
	const failures: string[] = [];
	if (report.verdict !== null && flags.includes(report.verdict)) {
		failures.push(`the verdict against the baseline is ${report.verdict}`);
	}

	for (const daemon of report.daemons) {
		if (flags.includes(daemon.memoryVerdict)) {
			failures.push(`${daemon.daemon}'s memory is ${daemon.memoryVerdict}`);
		}
	}

	return failures;
}
