import type {Recording, RecordedProcess} from '../reader/recording.js';
import {assignTicks} from '../reader/ticks.js';
import {compareDaemon, type AnalysedSeries, significanceRule} from './compare.js';
import {processSeries, summedSeries, type Series} from './daemon-series.js';
import type {ChartSeries, DaemonComparison, DaemonReport, DiskPathReport, Report, RecordingSummary} from './report-model.js';
import {reportSchemaVersion} from './report-model.js';
import {summarize} from './summarize.js';
import {analyseStats, type AnalysedStats, compareStats, statsRule} from './stats-report.js';
import type {Thresholds} from './thresholds.js';
import {combinedVerdict, defaultWarmupSeconds, memoryTrend, trendRule, warmupEndIndex} from '../model/growth.js';

const mebibyte = 1024 * 1024;
const chartPoints = 400;

type Analysis = {daemons: DaemonReport[]; series: Map<string, AnalysedSeries>; charts: ChartSeries[]; stats: AnalysedStats[]};

function recordingSummary(recording: Recording): RecordingSummary {
	let start: number | undefined;
	let end: number | undefined;
	for (const process of recording.processes) {
		const first = process.times[0];
		const last = process.times.at(-1);
		if (first !== undefined && (start === undefined || first < start)) {
			start = first;
		}

		if (last !== undefined && (end === undefined || last > end)) {
			end = last;
		}
	}

	return {
		folder: recording.folder,
		format: recording.format,
		host: recording.host ?? null,
		demo: recording.demo,
		version: recording.wazuhVersion ?? null,
		intervalSeconds: recording.interval,
		start: start ?? null,
		end: end ?? null,
		missingColumns: recording.missingColumns,
		problems: recording.problems,
	};
}

/** At most `chartPoints` points: every k-th tick, so a chart of 8 h at 1 Hz stays a few kB. */
function chartOf(daemon: string, series: Series): ChartSeries {
	const step = Math.max(1, Math.ceil(series.times.length / chartPoints));
	const origin = series.times[0] ?? 0;
	const seconds: number[] = [];
	const cpu: Array<number | null> = [];
	const rssMiB: Array<number | null> = [];
	for (let index = 0; index < series.times.length; index += step) {
		seconds.push((series.times[index]! - origin) / 1000);
		const c = series.values.cpuPercent[index]!;
		const r = series.values.rss[index]!;
		cpu.push(Number.isNaN(c) ? null : c);
		rssMiB.push(Number.isNaN(r) ? null : r / mebibyte);
	}

	return {daemon, seconds, cpu, rssMiB};
}

function analyse(recording: Recording, thresholds: Thresholds): Analysis {
	const ticks = assignTicks(recording.processes, recording.format, recording.interval);
	const byDaemon = new Map<string, {roles: RecordedProcess[]; rows: Int32Array[]}>();
	for (const [index, process] of recording.processes.entries()) {
		const entry = byDaemon.get(process.daemon) ?? {roles: [], rows: []};
		entry.roles.push(process);
		entry.rows.push(ticks.rows[index]!);
		byDaemon.set(process.daemon, entry);
	}

	const daemons: DaemonReport[] = [];
	const series = new Map<string, AnalysedSeries>();
	const charts: ChartSeries[] = [];
	for (const [daemon, {roles, rows}] of byDaemon) {
		const alone = roles.map(role => processSeries(role));
		const summed = roles.length === 1 ? alone[0]! : summedSeries(roles, rows, ticks.times);
		const total = summarize(daemon, summed, roles);
		const warmupSeconds = thresholds.warmupSeconds ?? defaultWarmupSeconds(total.durationSeconds);
		const from = warmupEndIndex(summed.times, summed.times[0] ?? 0, warmupSeconds);
		const trends = (['rss', 'pss', 'uss'] as const).map(metric => memoryTrend(metric, summed.times, summed.values[metric], from, thresholds));
		daemons.push({
			daemon,
			total,
			roles: roles.map((role, index) => summarize(role.role, alone[index]!, [role])),
			warmupSeconds,
			trends,
			memoryVerdict: combinedVerdict(trends),
		});
		series.set(daemon, {series: summed, from});
		charts.push(chartOf(daemon, summed));
	}

	// Each daemon's own statistics, its CPU from the same daemon's summed process series.
	const stats = (recording.stats ?? []).map(entry => analyseStats(entry, series.get(entry.daemon)?.series));
	return {daemons, series, charts, stats};
}

function diskReport(recording: Recording): DiskPathReport[] {
	return recording.disk.map(entry => {
		const sized = entry.samples.filter(sample => sample.size !== undefined);
		const first = sized[0];
		const last = sized.at(-1);
		const hours = first && last ? (last.time - first.time) / 3_600_000 : 0;
		return {
			path: entry.path,
			file: entry.file,
			samples: entry.samples.length,
			firstBytes: first?.size ?? null,
			lastBytes: last?.size ?? null,
			growthBytesPerHour: first && last && hours > 0 ? (last.size! - first.size!) / hours : null,
		};
	});
}

const warmupRule = (thresholds: Thresholds): string => (thresholds.warmupSeconds === undefined
	? 'default: 10 % of each daemon\'s recorded time, at most 600 s (--warmup SECONDS to choose)'
	: `${thresholds.warmupSeconds} s (--warmup)`);

/** The whole report of `recording`, compared with `baseline` when given. Pure: no I/O. */
export function buildReport(recording: Recording, baseline: Recording | undefined, thresholds: Thresholds, generatedBy: string): Report {
	const current = analyse(recording, thresholds);
	const before = baseline === undefined ? undefined : analyse(baseline, thresholds);
	let comparisons: DaemonComparison[] | null = null;
	if (before) {
		comparisons = [];
		for (const [daemon, after] of current.series) {
			const base = before.series.get(daemon);
			if (base) {
				comparisons.push(compareDaemon(daemon, base, after, thresholds));
			}
		}
	}

	const statsComparisons = before === undefined ? null : current.stats.flatMap(after => {
		const base = before.stats.find(entry => entry.report.daemon === after.report.daemon);
		return base === undefined ? [] : [compareStats(base, after, thresholds)];
	});
	const hasStats = current.stats.length > 0 || (before?.stats.length ?? 0) > 0;
	return {
		schemaVersion: reportSchemaVersion,
		generatedBy,
		recording: recordingSummary(recording),
		baseline: baseline === undefined ? null : recordingSummary(baseline),
		thresholds: {...thresholds, warmupRule: warmupRule(thresholds)},
		rules: {trend: trendRule(thresholds), significance: significanceRule(thresholds)},
		daemons: current.daemons,
		baselineDaemons: before?.daemons ?? null,
		comparisons,
		verdict: comparisons === null ? null : (comparisons.some(entry => entry.verdict === 'regression') ? 'regression' : 'no significant regression'),
		leaks: current.daemons.filter(entry => entry.memoryVerdict === 'growing').map(entry => entry.daemon),
		disk: diskReport(recording),
		charts: {current: current.charts, baseline: before?.charts ?? null},
		...(hasStats ? {
			daemonStatistics: {
				rule: statsRule(thresholds),
				current: current.stats.map(entry => entry.report),
				baseline: before === undefined ? null : before.stats.map(entry => entry.report),
				comparisons: statsComparisons,
			},
		} : {}),
	};
}
