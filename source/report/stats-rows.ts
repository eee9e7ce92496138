import {dash, fixed, pValue, signed} from './format-values.js';
import type {DaemonStatisticsSection, StatsComparison} from './report-model.js';

/*
 * The "Daemon statistics" section's tables as text cells, shared by the Markdown and HTML
 * renderers (each wraps them its own way).
 */

const units: Readonly<Record<string, string>> = {eventsReceived: 'ev/s', messagesReceived: 'msg/s', queries: 'q/s', agentMessagesSent: 'msg/s', logEvents: 'ev/s'};

export const statsHeader = ['Daemon', 'Rate', 'Mean', 'p95', 'Max', 'Drops', 'Drops/s', 'Fullest queue', 'CPU s / 1,000 ev', 'Restarts'];

export function statsRows(section: DaemonStatisticsSection): string[][] {
	return section.current.map(entry => [
		entry.daemon,
		units[entry.counter] ?? entry.counter,
		fixed(entry.rate.mean),
		fixed(entry.rate.p95),
		fixed(entry.rate.max),
		entry.drops === null ? dash : fixed(entry.drops.total, 0),
		entry.drops === null ? dash : fixed(entry.drops.perSecond, 2),
		entry.fullestQueue === null ? dash : `${entry.fullestQueue.name} ${fixed(entry.fullestQueue.maxPercent)} %`,
		fixed(entry.cpuSecondsPer1000, 3),
		String(entry.restarts),
	]);
}

const labels: Readonly<Record<StatsComparison['statistic'], string>> = {'rate.mean': 'Rate mean', 'drops.perSecond': 'Drops/s', cpuSecondsPer1000: 'CPU s / 1,000 ev'};

export const statsComparisonHeader = ['Daemon', 'Statistic', 'Baseline', 'Current', 'Δ %', 'p (Welch)', 'Verdict'];

export function statsComparisonRows(section: DaemonStatisticsSection): string[][] {
	return (section.comparisons ?? []).flatMap(entry => entry.comparisons.map(comparison => [
		entry.daemon,
		labels[comparison.statistic],
		fixed(comparison.baseline, 3),
		fixed(comparison.current, 3),
		comparison.deltaPercent === null ? dash : `${signed(comparison.deltaPercent)} %`,
		pValue(comparison.p),
		comparison.verdict,
	]));
}
