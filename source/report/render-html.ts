import {dash, fixed, mib, pValue, signed, statisticLabel, statisticValue, time} from './format-values.js';
import {type ChartSeries, demoWarning, type Report, type RecordingSummary} from './report-model.js';
import {statsComparisonHeader, statsComparisonRows, statsHeader, statsRows} from './stats-rows.js';
import {type ChartLine, svgChart} from './svg-chart.js';

/*
 * One self-contained HTML file: inline CSS and SVG, no script, and a Content-Security-Policy that
 * forbids every load, so opening it can never reach the network (test/e2e/report-html.test.ts opens it
 * in headless Chromium behind a proxy that counts requests).
 */

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const style = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0 20px}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
.growing,.regression{color:#b00;font-weight:bold}
.chart{border:1px solid #ddd;margin:4px}
.chart .grid{stroke:#eee}
.chart .axis{font-size:11px;fill:#666}
.chart polyline{fill:none;stroke-width:1.5}
.chart .current{stroke:#1565c0}
.chart .baseline{stroke:#ef6c00;stroke-dasharray:4 3}
.legend span{display:inline-block;margin-right:16px}
.demo{color:#b00020}
`;

const tableHtml = (className: string, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<{text: string; className?: string}>>): string =>
	`<table class="${className}"><thead><tr>${header.map(cell => `<th>${escape(cell)}</th>`).join('')}</tr></thead><tbody>${rows
		.map(cells => `<tr>${cells.map(cell => `<td${cell.className ? ` class="${cell.className}"` : ''}>${escape(cell.text)}</td>`).join('')}</tr>`)
		.join('')}</tbody></table>`;

const plain = (text: string): {text: string} => ({text});

function describe(label: string, summary: RecordingSummary): string {
	const missing = summary.missingColumns.length > 0 ? ` Columns this format lacks: ${summary.missingColumns.join(', ')}.` : '';
	const demo = summary.demo ? `<p class="demo"><b>DEMO</b> ${escape(demoWarning.replace(/^DEMO: /, ''))}</p>` : '';
	return `${demo}<p><b>${escape(label)}</b>: ${summary.demo ? '<b class="demo">DEMO</b> ' : ''}<code>${escape(summary.folder)}</code> (${escape(summary.format)}), ${escape(time(summary.start))} – ${escape(time(summary.end))}, every ${fixed(summary.intervalSeconds, 2)} s.${escape(missing)}</p>`;
}

function charts(report: Report): string {
	const baselineOf = (daemon: string): ChartSeries | undefined => report.charts.baseline?.find(entry => entry.daemon === daemon);
	return report.charts.current.map(current => {
		const base = baselineOf(current.daemon);
		const lines = (pick: (series: ChartSeries) => ReadonlyArray<number | null>): ChartLine[] => [
			...(base ? [{label: 'baseline', className: 'baseline', x: base.seconds, y: pick(base)}] : []),
			{label: 'current', className: 'current', x: current.seconds, y: pick(current)},
		];
		return `<section class="daemon-charts" data-daemon="${escape(current.daemon)}"><h3>${escape(current.daemon)}</h3>`
			+ svgChart(`${current.daemon} CPU %`, 'CPU % of one core over time', lines(series => series.cpu), {daemon: current.daemon, metric: 'cpu'})
			+ svgChart(`${current.daemon} RSS MiB`, 'RSS MiB over time', lines(series => series.rssMiB), {daemon: current.daemon, metric: 'rss'})
			+ '</section>';
	}).join('');
}

export function renderHtml(report: Report): string {
	const body: string[] = ['<h1>Footprint report</h1>', describe('Recording', report.recording)];
	if (report.baseline) {
		body.push(describe('Baseline', report.baseline));
	}

	body.push(`<p><b>Warm-up</b>: ${escape(report.thresholds.warmupRule)}</p>`);
	if (report.verdict !== null) {
		body.push(`<p id="verdict" class="${report.verdict === 'regression' ? 'regression' : ''}">Verdict: ${escape(report.verdict)}</p>`);
	}

	body.push('<h2>Per daemon (children summed by tick)</h2>', tableHtml('statistics', ['Daemon', 'Samples', 'CPU mean %', 'CPU p95 %', 'CPU max %', 'RSS mean MiB', 'RSS max MiB', 'PSS mean MiB', 'USS mean MiB', 'FD max', 'Restarts', 'Memory'], report.daemons.map(entry => [
		plain(entry.daemon), plain(String(entry.total.samples)), plain(fixed(entry.total.cpu.mean)), plain(fixed(entry.total.cpu.p95)), plain(fixed(entry.total.cpu.max)),
		plain(mib(entry.total.rss.mean)), plain(mib(entry.total.rss.max)), plain(mib(entry.total.pss.mean)), plain(mib(entry.total.uss.mean)), plain(fixed(entry.total.fd.max, 0)),
		plain(String(entry.total.restarts)), {text: entry.memoryVerdict, className: entry.memoryVerdict},
	])));
	body.push('<h2>Memory trend</h2>', tableHtml('trends', ['Daemon', 'Metric', 'Slope MiB/h', '95 % interval', 'R²', 'Last/first 10 %', 'Verdict'], report.daemons.flatMap(entry => entry.trends.filter(trend => trend.verdict !== 'unknown').map(trend => [
		plain(entry.daemon), plain(trend.metric.toUpperCase()), plain(signed(trend.slopeMiBPerHour, 2)), plain(`${signed(trend.lowMiBPerHour, 2)} … ${signed(trend.highMiBPerHour, 2)}`),
		plain(fixed(trend.r2, 3)), plain(fixed(trend.lastToFirstRatio, 3)), {text: trend.verdict, className: trend.verdict},
	]))), `<p>Rule: ${escape(report.rules.trend)}</p>`);
	if (report.comparisons) {
		body.push('<h2>Against the baseline</h2>', tableHtml('comparisons', ['Daemon', 'Statistic', 'Baseline', 'Current', 'Δ %', 'p (Welch)', 'Significance'], report.comparisons.flatMap(entry => entry.comparisons.map(comparison => [
			plain(entry.daemon), plain(statisticLabel(comparison.statistic)), plain(statisticValue(comparison.statistic, comparison.baseline)), plain(statisticValue(comparison.statistic, comparison.current)),
			plain(comparison.deltaPercent === null ? dash : `${signed(comparison.deltaPercent)} %`), plain(pValue(comparison.test?.p)), {text: comparison.verdict, className: comparison.verdict === 'regression' ? 'regression' : ''},
		]))), `<p>Rule: ${escape(report.rules.significance)}</p>`);
	}

	if (report.daemonStatistics) {
		const section = report.daemonStatistics;
		body.push('<h2>Daemon statistics</h2>', tableHtml('daemon-statistics', statsHeader, statsRows(section).map(cells => cells.map(plain))));
		if (section.comparisons) {
			body.push(tableHtml('daemon-statistics-comparisons', statsComparisonHeader, statsComparisonRows(section).map(cells => cells.map(cell => (cell === 'regression' ? {text: cell, className: 'regression'} : plain(cell))))), `<p>Rule: ${escape(section.rule)}</p>`);
		}
	}

	if (report.disk.length > 0) {
		body.push('<h2>Disk</h2>', tableHtml('disk', ['Path', 'First MiB', 'Last MiB', 'Growth MiB/h'], report.disk.map(entry => [
			plain(entry.path), plain(mib(entry.firstBytes, 3)), plain(mib(entry.lastBytes, 3)), plain(signed(entry.growthBytesPerHour === null ? null : entry.growthBytesPerHour / 1024 / 1024, 3)),
		])));
	}

	body.push('<h2>Over time</h2>', `<p class="legend"><span style="color:#1565c0">━ current</span>${report.charts.baseline ? '<span style="color:#ef6c00">┅ baseline</span>' : ''}</p>`, charts(report));
	body.push(`<p><i>${escape(report.generatedBy)}</i></p>`);
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Footprint report</title><style>${style}</style></head>
<body>${body.join('\n')}</body></html>
`;
}
