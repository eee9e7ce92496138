import {dash, duration, fixed, mib, pValue, signed, statisticValue, time} from './format-values.js';
import {type ComparedStatistic, type Comparison, type DaemonReport, demoWarning, type ProcessStatistics, type Report, type RecordingSummary, type Trend} from './report-model.js';
import {statsComparisonHeader, statsComparisonRows, statsHeader, statsRows} from './stats-rows.js';

/*
 * GitHub-flavoured Markdown, ready to paste into an issue: the tables Wazuh's "Footprint Metrics"
 * issues post (per daemon, children summed in; a comparison with Δ and Δ%; a leak table), each
 * verdict followed by the rule that gave it.
 */

const table = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string => [
	`| ${header.join(' | ')} |`,
	`|${header.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
	...rows.map(cells => `| ${cells.map(cell => cell.replaceAll('|', '\\|')).join(' | ')} |`),
].join('\n');

const formatNames: Record<RecordingSummary['format'], string> = {
	'wazuh-metrics': 'wazuh-metrics CSV',
	'python-original': 'Python original (wazuh-qa) CSV',
	'wazuh5-monitor': 'Wazuh 5 monitor.py CSV',
};

function describe(label: string, summary: RecordingSummary): string[] {
	const lines = [
		`- **${label}**: ${summary.demo ? '**DEMO** ' : ''}\`${summary.folder}\` (${formatNames[summary.format]}${summary.host === null ? '' : `, host ${summary.host}`}${summary.version === null ? '' : `, Wazuh ${summary.version}`}), `
		+ `${time(summary.start)} – ${time(summary.end)}, one sample every ${fixed(summary.intervalSeconds, 2)} s`,
	];
	if (summary.demo) {
		lines.push(`  - ${demoWarning}`);
	}

	if (summary.missingColumns.length > 0) {
		lines.push(`  - columns this format lacks: ${summary.missingColumns.join(', ')}`);
	}

	for (const problem of summary.problems) {
		lines.push(`  - ${problem}`);
	}

	return lines;
}

function statisticsRow(entry: ProcessStatistics): string[] {
	return [
		entry.name,
		String(entry.samples),
		duration(entry.durationSeconds),
		fixed(entry.cpu.mean),
		fixed(entry.cpu.p95),
		fixed(entry.cpu.max),
		`${mib(entry.rss.first)} / ${mib(entry.rss.mean)} / ${mib(entry.rss.max)} / ${mib(entry.rss.last)}`,
		`${mib(entry.pss.mean)} / ${mib(entry.pss.max)}`,
		`${mib(entry.uss.mean)} / ${mib(entry.uss.max)}`,
		`${mib(entry.swap.mean)} / ${mib(entry.swap.max)}`,
		`${mib(entry.vms.mean)} / ${mib(entry.vms.max)}`,
		`${fixed(entry.fd.first, 0)} / ${fixed(entry.fd.max, 0)} / ${fixed(entry.fd.last, 0)}`,
		`${fixed(entry.threads.first, 0)} / ${fixed(entry.threads.max, 0)} / ${fixed(entry.threads.last, 0)}`,
		`${mib(entry.io.readBytes.total)} / ${mib(entry.io.writtenBytes.total)}`,
		`${fixed(entry.io.readBytes.ratePerSecond === null ? null : entry.io.readBytes.ratePerSecond / 1024)} / ${fixed(entry.io.writtenBytes.ratePerSecond === null ? null : entry.io.writtenBytes.ratePerSecond / 1024)}`,
		`${fixed(entry.io.readOps.total, 0)} / ${fixed(entry.io.writeOps.total, 0)}`,
		String(entry.restarts),
	];
}

const statisticsHeader = [
	'Process', 'Samples', 'Duration', 'CPU mean %', 'CPU p95 %', 'CPU max %', 'RSS first/mean/max/last MiB', 'PSS mean/max MiB',
	'USS mean/max MiB', 'SWAP mean/max MiB', 'VMS mean/max MiB', 'FD first/max/last', 'Threads first/max/last',
	'Read/written MiB', 'Read/write KiB/s', 'Read/write ops', 'Restarts',
];

const trendCell = (trend: Trend | undefined): string => (trend === undefined || trend.verdict === 'unknown'
	? dash
	: `${signed(trend.slopeMiBPerHour, 2)} [${signed(trend.lowMiBPerHour, 2)} … ${signed(trend.highMiBPerHour, 2)}]`);

/** One row per daemon: the three slopes with their 95 % intervals, RSS's fit and Wazuh's ratio. */
function trendRows(daemons: readonly DaemonReport[]): string[][] {
	return daemons.filter(entry => entry.memoryVerdict !== 'unknown').map(entry => {
		const of = (metric: Trend['metric']): Trend | undefined => entry.trends.find(trend => trend.metric === metric);
		const main = [of('rss'), of('pss'), of('uss')].find(trend => trend !== undefined && trend.verdict !== 'unknown');
		return [
			entry.daemon,
			String(main?.samples ?? 0),
			trendCell(of('rss')),
			trendCell(of('pss')),
			trendCell(of('uss')),
			fixed(main?.r2, 3),
			fixed(main?.lastToFirstRatio, 3),
			entry.memoryVerdict === 'growing' ? '**growing**' : entry.memoryVerdict,
		];
	});
}

const comparedColumns: ReadonlyArray<{statistic: ComparedStatistic; label: string}> = [
	{statistic: 'cpu.mean', label: 'CPU mean %'},
	{statistic: 'cpu.max', label: 'CPU max %'},
	{statistic: 'rss.mean', label: 'RSS mean MiB'},
	{statistic: 'rss.max', label: 'RSS max MiB'},
	{statistic: 'pss.mean', label: 'PSS mean MiB'},
	{statistic: 'uss.mean', label: 'USS mean MiB'},
	{statistic: 'swap.mean', label: 'SWAP mean MiB'},
	{statistic: 'vms.mean', label: 'VMS mean MiB'},
	{statistic: 'fd.mean', label: 'FD mean'},
	{statistic: 'threads.mean', label: 'Threads mean'},
];

/** `10.0 → 40.0 (+30.0, +300.0 %)`, and the verdict with Welch's p when a change is flagged. */
function comparisonCell(comparison: Comparison | undefined): string {
	if (comparison === undefined || (comparison.baseline === null && comparison.current === null)) {
		return dash;
	}

	const {statistic} = comparison;
	const memory = !statistic.startsWith('cpu.') && !statistic.startsWith('fd.') && !statistic.startsWith('threads.');
	const delta = comparison.delta === null ? dash : signed(memory ? comparison.delta / 1024 / 1024 : comparison.delta);
	const percent = comparison.deltaPercent === null ? dash : `${signed(comparison.deltaPercent)} %`;
	const base = `${statisticValue(statistic, comparison.baseline)} → ${statisticValue(statistic, comparison.current)} (${delta}, ${percent})`;
	switch (comparison.verdict) {
		case 'regression':
		case 'improvement': {
			return `${base} **${comparison.verdict}** p ${pValue(comparison.test?.p)}`;
		}

		default: {
			return base;
		}
	}
}

export function renderMarkdown(report: Report): string {
	const out: string[] = ['## Footprint report', ''];
	out.push(...describe('Recording', report.recording));
	if (report.baseline) {
		out.push(...describe('Baseline', report.baseline));
	}

	out.push(`- **Warm-up**: ${report.thresholds.warmupRule}`, '');
	if (report.verdict !== null) {
		out.push(`**Verdict: ${report.verdict === 'regression' ? 'REGRESSION' : 'no significant regression'}**`
			+ (report.verdict === 'regression' ? ` (${report.comparisons!.filter(entry => entry.verdict === 'regression').map(entry => entry.daemon).join(', ')})` : ''), '');
	}

	out.push(report.leaks.length > 0 ? `**Memory growing**: ${report.leaks.join(', ')}` : '**Memory**: no daemon growing', '');
	out.push('### Per daemon (children summed by tick)', '', table(statisticsHeader, report.daemons.map(entry => statisticsRow(entry.total))), '');
	const withChildren = report.daemons.filter(entry => entry.roles.length > 1);
	if (withChildren.length > 0) {
		out.push('### Per process role', '', table(statisticsHeader, withChildren.flatMap(entry => entry.roles.map(role => statisticsRow(role)))), '');
	}

	out.push('### Memory trend (leak check)', '');
	const rows = trendRows(report.daemons);
	out.push(rows.length > 0
		? table(['Daemon', 'Samples', 'RSS MiB/h [95 %]', 'PSS MiB/h [95 %]', 'USS MiB/h [95 %]', 'R²', 'Last/first 10 %', 'Verdict'], rows)
		: '_Too few samples after the warm-up for a trend._', '', `Rule: ${report.rules.trend}`, '');
	if (report.comparisons) {
		out.push('### Against the baseline (baseline → current (Δ, Δ %))', '');
		const comparisonRows = report.comparisons.map(entry => [
			entry.daemon,
			...comparedColumns.map(({statistic}) => comparisonCell(entry.comparisons.find(comparison => comparison.statistic === statistic))),
			entry.verdict === 'regression' ? '**regression**' : entry.verdict,
		]);
		out.push(table(['Daemon', ...comparedColumns.map(column => column.label), 'Verdict'], comparisonRows), '', `Rule: ${report.rules.significance} Every statistic with its test is in \`--format json\`.`, '');
		const only = report.daemons.filter(entry => !report.comparisons!.some(comparison => comparison.daemon === entry.daemon)).map(entry => entry.daemon);
		if (only.length > 0) {
			out.push(`Not in the baseline: ${only.join(', ')}`, '');
		}
	}

	if (report.daemonStatistics) {
		const section = report.daemonStatistics;
		out.push('### Daemon statistics', '', table(statsHeader, statsRows(section)), '');
		if (section.comparisons) {
			out.push(table(statsComparisonHeader, statsComparisonRows(section).map(cells => cells.map(cell => (cell === 'regression' ? '**regression**' : cell)))), '', `Rule: ${section.rule}`, '');
		}
	}

	if (report.disk.length > 0) {
		out.push('### Disk', '', table(['Path', 'Samples', 'First MiB', 'Last MiB', 'Growth MiB/h'], report.disk.map(entry => [
			entry.path, String(entry.samples), mib(entry.firstBytes, 3), mib(entry.lastBytes, 3), signed(entry.growthBytesPerHour === null ? null : entry.growthBytesPerHour / 1024 / 1024, 3),
		])), '');
	}

	out.push(`_${report.generatedBy}_`, '');
	return out.join('\n');
}
