/** Turns the results into the table and the final JSON line, with each figure against its target (bench/RESULTS.md). */
import {fixed, megabytes, Report} from './report.js';
import type {Results} from './results.js';
import type {DaemonStatsResult} from './sections/daemon-stats.js';
import type {Contender, Phase} from './sections/recorder-overhead.js';
import {summariseFootprint} from './summary-footprint.js';

const targets = {
	vsFloor: 1.3,
	vsPsutil: 0.5,
	discoveryMs: 15,
	frameMs: 10,
	growthMbPerHour: 1,
	jitterMs: 50,
};

const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
	a === undefined || b === undefined || b <= 0 ? undefined : a / b;
const finite = (value: number | undefined): number | null =>
	value === undefined || !Number.isFinite(value) ? null : Number(value.toPrecision(4));
const us = fixed(0, ' µs');

export function summarise(results: Results): {table: string; json: Record<string, unknown>} {
	const report = new Report();
	const json: Record<string, unknown> = {mode: results.settings.quick ? 'quick' : 'full'};

	// 1. Per-process sample cost.
	for (const cost of results.sampleCosts) {
		const section = `sample ${cost.fleet}`;
		const x = (value: number): string => `${us(value)} (${(value / cost.floor1HzUs).toFixed(2)}x)`;
		report.add(section, `floor (${cost.floorKind}) hot / 1 Hz`, `${us(cost.floorHotUs)} / ${us(cost.floor1HzUs)}`, '', '', 'CPU per process per sample');
		report.add(section, 'ProcessReader hot', `${us(cost.readerHotUs)} (${(cost.readerHotUs / cost.floorHotUs).toFixed(2)}x)`, '', '', 'x = vs floor hot');
		report.add(section, 'Monitor hot', `${us(cost.monitorHotUs)} (${(cost.monitorHotUs / cost.floorHotUs).toFixed(2)}x)`, '', '', 'x = vs floor hot; no health checks');
		report.check(section, 'Monitor at 1 Hz', cost.monitor1HzUs / cost.floor1HzUs, () => x(cost.monitor1HzUs), targets.vsFloor, '<= 1.3x floor',
			`x = vs floor at 1 Hz${cost.monitorSamples === cost.processes ? '' : `; sampled only ${cost.monitorSamples} of ${cost.processes}`}`);
		if (cost.fleet.startsWith('100')) {
			json.sample_us_per_process_100 = finite(cost.monitor1HzUs);
			json.sample_us_per_process_100_hot = finite(cost.monitorHotUs);
			json.floor_us_per_process_100 = finite(cost.floor1HzUs);
		}
	}

	// 2. Recorder overhead at 1 Hz: the verdict is on the steady window when there is one.
	for (const fleet of [...new Set(results.recorders.map(row => row.fleet))]) {
		const rows = results.recorders.filter(row => row.fleet === fleet);
		const phases = [...new Set(rows.map(row => row.phase))];
		const verdictPhase: Phase = phases.includes('steady') ? 'steady' : 'first';
		for (const phase of phases) {
			const section = `recorder ${fleet}`;
			const inPhase = rows.filter(row => row.phase === phase);
			const of = (contender: Contender) => inPhase.find(row => row.contender === contender);
			const when = phase === 'steady' ? 'steady' : 'first';
			for (const row of inPhase) {
				if (row.cpuPercent === undefined) {
					report.skip(section, `${when}: ${row.contender} CPU`, row.problem ?? 'not measured');
					continue;
				}

				const rate = row.rowsPerSecond === undefined ? '' : `; ${row.rowsPerSecond.toFixed(1)} rows/s`;
				report.add(section, `${when}: ${row.contender} CPU, peak RSS`, `${row.cpuPercent.toFixed(2)}% ${megabytes(row.peakRss!)}`, '', '',
					`% of one core, ${row.from.toFixed(0)}-${(row.from + row.seconds).toFixed(0)} s after start${rate}`);
			}

			const ours = of('wazuh-metrics')?.cpuPercent;
			const vsFloor = ratio(ours, of('floor')?.cpuPercent);
			const vsPsutil = ratio(ours, of('psutil reference')?.cpuPercent);
			// The floor's own share of psutil bounds what any reader of the same files can reach.
			const floorVsPsutil = ratio(of('floor')?.cpuPercent, of('psutil reference')?.cpuPercent);
			const psutilMissing = vsPsutil === undefined ? (of('psutil reference')?.problem ?? 'a side is missing') : '';
			const psutilNote = psutilMissing || (floorVsPsutil === undefined ? '' : `the floor itself: ${floorVsPsutil.toFixed(2)}x psutil`);
			const key = fleet.split(' ')[0]!;
			if (phase === verdictPhase) {
				report.check(section, `${when}: ours / floor`, vsFloor, fixed(2, 'x'), targets.vsFloor, '<= 1.3x', vsFloor === undefined ? 'a side is missing' : '');
				report.check(section, `${when}: ours / psutil`, vsPsutil, fixed(2, 'x'), targets.vsPsutil, '<= 0.5x', psutilNote);
				json[`cpu_ratio_vs_psutil_${key}`] = finite(vsPsutil);
				json[`cpu_ratio_vs_floor_${key}`] = finite(vsFloor);
				json[`cpu_percent_${key}`] = finite(ours);
				json[`cpu_percent_psutil_${key}`] = finite(of('psutil reference')?.cpuPercent);
				json[`cpu_percent_floor_${key}`] = finite(of('floor')?.cpuPercent);
				json[`peak_rss_mb_${key}`] = finite((of('wazuh-metrics')?.peakRss ?? Number.NaN) / 2 ** 20);
			} else {
				const warmUp = 'JIT warm-up included; no target';
				report.add(section, `${when}: ours / floor`, vsFloor === undefined ? 'n/a' : `${vsFloor.toFixed(2)}x`, '', '', warmUp);
				report.add(section, `${when}: ours / psutil`, vsPsutil === undefined ? 'n/a' : `${vsPsutil.toFixed(2)}x`, '', '', psutilMissing || `${warmUp}; ${psutilNote}`);
				json[`cpu_ratio_vs_psutil_${key}_first`] = finite(vsPsutil);
				json[`cpu_ratio_vs_floor_${key}_first`] = finite(vsFloor);
			}
		}
	}

	// 3. Discovery.
	for (const found of results.discoveries) {
		const note = `${found.processes} processes, ${found.scope}, first run ${found.firstMs.toFixed(1)} ms${found.foundFleet ? '' : '; FLEET NOT FOUND'}`;
		report.check('discovery', `${found.label}: median of ${found.runs - 1}`, found.medianMs, fixed(2, ' ms'), targets.discoveryMs, '< 15 ms', note);
	}

	json.discovery_ms_600 = finite(results.discoveries.find(found => found.label.startsWith('typical'))?.medianMs);
	json.discovery_ms_600_worst = finite(results.discoveries.find(found => found.label.startsWith('worst'))?.medianMs);

	// 4. UI.
	for (const ui of results.ui) {
		const section = `ui ${ui.rows} rows`;
		if (ui.problem !== undefined && ui.frames === 0) {
			report.skip(section, 'frame', ui.problem, ui.rows === 60 ? '< 10 ms' : '');
			continue;
		}

		const note = `max ${ui.frameMsMax.toFixed(1)} ms; ${ui.rowsOnScreen} rows on a ${ui.terminal} screen; React ${ui.react} build${ui.problem === undefined ? '' : `; ${ui.problem}`}`;
		report.check(section, 'frame time (median)', ui.frameMsMedian, fixed(1, ' ms'), ui.rows === 60 ? targets.frameMs : Number.POSITIVE_INFINITY, ui.rows === 60 ? '< 10 ms' : '', note);
		report.add(section, 'frame CPU (median)', `${ui.cpuMsMedian.toFixed(1)} ms`);
		report.add(section, 'bytes per frame', `${ui.bytesPerFrame.toFixed(0)} B`, '', '', 'received by the terminal per tick');
		if (ui.rows === 60) {
			json.frame_ms_60_rows = finite(ui.frameMsMedian);
			json.frame_cpu_ms_60_rows = finite(ui.cpuMsMedian);
			json.frame_bytes_60_rows = finite(ui.bytesPerFrame);
		}
	}

	// 5. Memory over time.
	for (const memory of results.memory) {
		const note = `${Math.round(memory.ticks)} ticks every ${memory.intervalMs} ms, slope after tick ${memory.warmupTicks}, after full GC, young generation pinned; RSS ${memory.rssStartMb.toFixed(1)} -> ${memory.rssEndMb.toFixed(1)} MB; heap ${memory.heapGrowthMbPerHour.toFixed(2)} MB/h${memory.problem === undefined ? '' : `; ${memory.problem}`}`;
		report.check('memory', `${memory.subject}: growth per 3,600 ticks`, memory.growthMbPerHour, fixed(2, ' MB/h'), targets.growthMbPerHour, '< 1 MB/h', note);
	}

	const growths = results.memory.map(memory => memory.growthMbPerHour).filter(Number.isFinite);
	json.rss_growth_mb_per_hour = growths.length === 0 ? null : finite(Math.max(...growths));

	// 6. Huge directories.
	const huge = results.hugeDir;
	if (huge !== undefined) {
		const files = `${huge.files.toLocaleString('en')} files`;
		report.add('huge dir', `walk of ${files} (first / median)`, `${huge.walkFirstMs.toFixed(0)} / ${huge.walkMedianMs.toFixed(0)} ms`, '', '', `directorySize on the main thread; tree built in ${(huge.createMs / 1000).toFixed(1)} s${huge.sizeMatches ? '' : '; SIZE WRONG'}`);
		report.add('huge dir', 'tracker: first size after', huge.trackerFirstSizeMs === undefined ? 'n/a' : `${huge.trackerFirstSizeMs.toFixed(0)} ms`, '', '', 'worker thread start included');
		report.add('huge dir', 'tick jitter, no walk (max)', `${huge.baseline.maxMs.toFixed(0)} ms`, '', '', `${huge.baseline.ticks} ticks at 100 ms; p99 ${huge.baseline.p99Ms.toFixed(0)} ms`);
		report.check('huge dir', 'tick jitter during walks (max)', huge.duringWalk.maxMs, fixed(0, ' ms'), targets.jitterMs, '< 50 ms', `${huge.duringWalk.ticks} ticks at 100 ms; p99 ${huge.duringWalk.p99Ms.toFixed(0)} ms`);
		json.tick_jitter_ms_during_walk = finite(huge.duringWalk.maxMs);
		json.walk_ms = finite(huge.walkMedianMs);
	}

	// 7. Daemon statistics.
	if (results.daemonStats !== undefined) {
		summariseDaemonStats(results.daemonStats, report, json);
	}

	// 8. The observer's own footprint.
	summariseFootprint(results.footprint, report, json);

	for (const problem of results.problems) {
		report.skip(problem.section, problem.what, problem.why);
	}

	for (const key of ['cpu_ratio_vs_psutil_100', 'cpu_ratio_vs_floor_100', 'sample_us_per_process_100', 'discovery_ms_600', 'frame_ms_60_rows', 'frame_bytes_60_rows', 'rss_growth_mb_per_hour', 'tick_jitter_ms_during_walk',
		'stats_cpu_percent_off', 'stats_cpu_percent_5s', 'stats_cpu_percent_1s', 'stats_query_ms_analysisd', 'stats_query_ms_remoted', 'stats_query_ms_wazuh_db', 'stats_query_ms_engine']) {
		json[key] ??= null;
	}

	json.seconds = Math.round(results.seconds);
	return {table: report.render(), json};
}

/** The daemon statistics lines and JSON keys: the recorder with them off, every 5 s and every 1 s, and one query's time. */
export function summariseDaemonStats(stats: DaemonStatsResult, report: Report, json: Record<string, unknown>): void {
	const off = stats.cost.find(row => row.variant === 'off')?.cpuPercent;
	for (const row of stats.cost) {
		const what = `recorder ${row.options}: CPU, peak RSS`;
		if (row.cpuPercent === undefined || row.problem !== undefined) {
			report.skip('daemon stats', what, row.problem ?? 'not measured');
			continue;
		}

		const delta = row.variant === 'off' || off === undefined ? '' : `; ${row.cpuPercent - off >= 0 ? '+' : ''}${(row.cpuPercent - off).toFixed(2)} points vs --no-stats`;
		report.add('daemon stats', what, `${row.cpuPercent.toFixed(2)}% ${megabytes(row.peakRss!)}`, '', '',
			`% of one core, ${row.from.toFixed(0)}-${(row.from + row.seconds).toFixed(0)} s after start, side by side on one 4.x demo fleet (${stats.processes} processes); ${row.rowsPerSecond!.toFixed(1)} rows/s, ${row.statsRowsPerSecond!.toFixed(2)} stats rows/s${delta}`);
		json[`stats_cpu_percent_${row.variant}`] = finite(row.cpuPercent);
		json[`stats_peak_rss_mb_${row.variant}`] = finite(row.peakRss! / 2 ** 20);
	}

	for (const timing of stats.queries) {
		const what = `${timing.kind} query: median / p95`;
		const key = timing.kind.replace('-', '_');
		if (timing.problem !== undefined) {
			report.skip('daemon stats', what, `${timing.what}: ${timing.problem}`);
			continue;
		}

		report.add('daemon stats', what, `${timing.medianMs.toFixed(2)} / ${timing.p95Ms.toFixed(2)} ms`, '', '',
			`connect + request + reply, ${timing.what}, ${timing.queries} queries; max ${timing.maxMs.toFixed(2)} ms; reply ${(timing.replyBytes / 1024).toFixed(1)} KB`);
		json[`stats_query_ms_${key}`] = finite(timing.medianMs);
		json[`stats_query_ms_${key}_p95`] = finite(timing.p95Ms);
	}
}
