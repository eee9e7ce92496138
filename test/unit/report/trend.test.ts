import test from 'ava';
import type {RecordedProcess, RecordedSample, Recording} from '../../../source/reader/recording.js';
import {buildReport} from '../../../source/report/build-report.js';
import {defaultThresholds} from '../../../source/report/thresholds.js';
import {seededRandom} from '../../helpers/random.js';
import {processFromSamples, sampleAt} from '../../helpers/recorded.js';

/*
 * The memory verdict on made-up daemons whose truth is known: a steady leak, a single step (a
 * cache filled once: not a leak), a release, and noise. 20 minutes at 1 Hz, 2 minutes of warm-up.
 */

const mib = 1024 * 1024;
const start = Date.UTC(2026, 0, 5, 8);

function daemon(name: string, rss: (second: number) => number): RecordedProcess {
	const samples: RecordedSample[] = Array.from({length: 1200}, (_, second) => ({
		time: start + second * 1000, pid: 100, cpuPercent: 1, vms: 2 * rss(second), rss: rss(second), uss: rss(second), pss: rss(second), swap: 0,
		fd: 10, threads: 1, readOps: 0, writeOps: 0, diskRead: 0, diskWritten: 0, diskReadSpeed: 0, diskWriteSpeed: 0,
	}));
	return processFromSamples(name, name, 0, samples, [`${name}.csv`]);
}

test('a steady leak grows, one step is stable, a release shrinks, noise is stable', t => {
	const random = seededRandom();
	const {seed} = random;
	t.log(`seed ${seed}`);
	const recording: Recording = {
		folder: '/made-up', format: 'wazuh-metrics', host: undefined, demo: false, wazuhVersion: undefined, interval: 1, disk: [], missingColumns: [], problems: [],
		processes: [
			// 30 MiB/h on 40 MiB, in 4 KiB pages as they come.
			daemon('leaking', second => (40 * mib) + (Math.floor((second * 30 * mib) / 3600 / 4096) * 4096)),
			// 3 MiB more once, at minute 12: more than every size threshold, but not a growth that goes on.
			daemon('step', second => (40 * mib) + (second >= 720 ? 3 * mib : 0)),
			daemon('releasing', second => (80 * mib) - (second * 20 * mib / 3600)),
			daemon('noisy', () => (40 * mib) + Math.round((random.next() - 0.5) * 2 * mib / 4096) * 4096),
		],
	};
	const report = buildReport(recording, undefined, {...defaultThresholds, warmupSeconds: 120}, 'test');
	const verdict = (name: string): string => report.daemons.find(entry => entry.daemon === name)!.memoryVerdict;
	t.is(verdict('leaking'), 'growing');
	t.is(verdict('step'), 'stable');
	t.is(verdict('releasing'), 'shrinking');
	t.is(verdict('noisy'), 'stable');
	t.deepEqual(report.leaks, ['leaking']);
	const slope = report.daemons.find(entry => entry.daemon === 'leaking')!.trends[0]!.slopeMiBPerHour!;
	t.true(Math.abs(slope - 30) < 0.3, String(slope));
});

test('one small step in a short recording is not a leak (wazuh-authd of a 98 s demo recording, as recorded)', t => {
	// RSS(KB) of the demo's wazuh-authd: 59 rows at 3656, then 39 at 3788 (a page or two touched once).
	const rss = (second: number): number => (second < 59 ? 3656 : 3788) * 1024;
	const process = daemon('wazuh-authd', rss);
	const recording: Recording = {
		folder: '/made-up', format: 'wazuh-metrics', host: undefined, demo: false, wazuhVersion: undefined, interval: 1, disk: [], missingColumns: [], problems: [],
		processes: [processFromSamples(process.role, process.daemon, 0, Array.from({length: 98}, (_, index) => sampleAt(process, index)))],
	};
	const report = buildReport(recording, undefined, defaultThresholds, 'test');
	const trend = report.daemons[0]!.trends.find(entry => entry.metric === 'rss')!;
	t.log(`slope ${trend.slopeMiBPerHour} [${trend.lowMiBPerHour} … ${trend.highMiBPerHour}], growth ${trend.growthPercent} %`);
	t.is(report.daemons[0]!.memoryVerdict, 'stable');
});
