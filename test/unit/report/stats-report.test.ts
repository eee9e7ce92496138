import test from 'ava';
import {readRecording} from '../../../source/reader/read-recording.js';
import {buildReport} from '../../../source/report/build-report.js';
import {renderHtml} from '../../../source/report/render-html.js';
import {renderJson} from '../../../source/report/render-json.js';
import {renderMarkdown} from '../../../source/report/render-markdown.js';
import {defaultThresholds} from '../../../source/report/thresholds.js';
import {analysisd414, remoted414} from '../../helpers/stats-fixtures.js';
import {tmpSession, withCounters, writeProcessFile, writeStats} from '../../helpers/stats-recording.js';

/*
 * The report's Daemon statistics section on folders written by the real writers, with known
 * counters: rates 100, 200, 300, 400 ev/s (mean 250, p95 385 by linear interpolation, max 400),
 * one drop a step, a restart, and analysisd's CPU constant, so CPU per 1,000 events is known.
 */

const start = Date.UTC(2025, 7, 7, 8, 0, 0);
const started = start - 3_600_000;
const dropped = 'metrics.events.received_breakdown.dropped_breakdown';
const received = [0, 500, 1500, 3000, 5000, 100];
const thresholds = {...defaultThresholds, warmupSeconds: 0};

function session(t: {teardown: (fn: () => void) => void}, cpu: number): string {
	const folder = tmpSession(t);
	writeProcessFile(folder, 'wazuh-analysisd', start, 30, () => cpu);
	writeStats(folder, start, 5000, received.length, round => {
		const time = start + (round * 5000);
		// The last row: analysisd restarted (its counters start again, its start time moves).
		const since = round === 5 ? start + 22_000 : started;
		const base = analysisd414();
		const zeroed = Object.fromEntries(Object.keys(base.raw).filter(key => key.startsWith(dropped)).map(key => [key, 0]));
		return [
			withCounters(base, time, since, {...zeroed, 'metrics.events.received': received[round]!, [`${dropped}.modules_breakdown.syscheck`]: round === 5 ? 0 : round}),
			withCounters(remoted414(), time, started, {'metrics.messages.received_breakdown.event': 50 * round, 'metrics.queues.received.usage': 10 * round, 'metrics.queues.received.size': 100}),
		];
	});
	return folder;
}

test('known rates give known mean, p95 and max; drops; the fullest queue; CPU seconds per 1,000 events; the restart step left out', t => {
	const report = buildReport(readRecording(session(t, 50)), undefined, thresholds, 'test');
	const section = report.daemonStatistics!;
	const analysisd = section.current.find(entry => entry.daemon === 'wazuh-analysisd')!;
	t.is(analysisd.counter, 'eventsReceived');
	t.deepEqual(analysisd.rate, {mean: 250, p95: 385, max: 400, steps: 4});
	t.is(analysisd.restarts, 1);
	t.deepEqual(analysisd.drops, {total: 4, perSecond: 0.2});
	t.is(analysisd.fullestQueue, null, 'Wazuh QA\'s analysisd API file has no queue columns');
	// 50 % of a core = 0.5 CPU s/s, over 250 ev/s: 2 CPU s per 1,000 events.
	t.is(analysisd.cpuSecondsPer1000, 2);
	const remoted = section.current.find(entry => entry.daemon === 'wazuh-remoted')!;
	t.deepEqual(remoted.rate, {mean: 10, p95: 10, max: 10, steps: 5});
	t.deepEqual(remoted.fullestQueue, {name: 'received', maxPercent: 50});
	t.is(remoted.cpuSecondsPer1000, null, 'no process file of remoted');
	t.is(section.comparisons, null);
	const markdown = renderMarkdown(report);
	t.true(markdown.includes('### Daemon statistics'));
	t.true(markdown.includes('| wazuh-analysisd | ev/s | 250.0 | 385.0 | 400.0 | 4 | 0.20 | – | 2.000 | 1 |'), markdown);
	t.true(renderHtml(report).includes('<h2>Daemon statistics</h2>'));
});

test('against a baseline: the same load at half the CPU is a CPU-per-1,000-events regression, the rate unchanged; JSON keys', t => {
	const baseline = buildReport(readRecording(session(t, 25)), undefined, thresholds, 'test');
	t.is(baseline.daemonStatistics!.current[0]!.cpuSecondsPer1000, 1);
	const report = buildReport(readRecording(session(t, 50)), readRecording(session(t, 25)), thresholds, 'test');
	const analysisd = report.daemonStatistics!.comparisons!.find(entry => entry.daemon === 'wazuh-analysisd')!;
	const byStatistic = new Map(analysisd.comparisons.map(comparison => [comparison.statistic, comparison]));
	t.deepEqual(byStatistic.get('cpuSecondsPer1000'), {statistic: 'cpuSecondsPer1000', baseline: 1, current: 2, deltaPercent: 100, p: null, verdict: 'regression'});
	t.is(byStatistic.get('rate.mean')!.verdict, 'no significant change');
	// The footprint verdict stays the process figures' (here the CPU doubled); the statistics' are in their section.
	t.deepEqual(report.comparisons!.map(entry => [entry.daemon, entry.verdict]), [['wazuh-analysisd', 'regression']]);
	const json = JSON.parse(renderJson(report)) as {daemonStatistics: Record<string, unknown> & {current: Array<Record<string, unknown>>}};
	t.deepEqual(Object.keys(json.daemonStatistics), ['rule', 'current', 'baseline', 'comparisons']);
	t.deepEqual(Object.keys(json.daemonStatistics.current[0]!), ['daemon', 'kind', 'counter', 'rows', 'start', 'end', 'rate', 'drops', 'fullestQueue', 'cpuSecondsPer1000', 'restarts']);
});

test('a recording without statistics: no daemonStatistics key, no section', t => {
	const folder = tmpSession(t);
	writeProcessFile(folder, 'wazuh-analysisd', start, 10, () => 5);
	const report = buildReport(readRecording(folder), undefined, thresholds, 'test');
	t.false('daemonStatistics' in JSON.parse(renderJson(report)));
	t.false(renderMarkdown(report).includes('Daemon statistics'));
	t.false(renderHtml(report).includes('Daemon statistics'));
});
