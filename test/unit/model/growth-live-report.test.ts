import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {HistoryStore, totalRole} from '../../../source/model/history-store.js';
import {memoryGrowth} from '../../../source/model/live-growth.js';
import {recordedTime} from '../../../source/model/timestamp.js';
import {readRecording} from '../../../source/reader/read-recording.js';
import {Recorder} from '../../../source/recorder/recorder.js';
import {buildReport} from '../../../source/report/build-report.js';
import {defaultThresholds} from '../../../source/report/thresholds.js';
import {seededRandom} from '../../helpers/random.js';
import {processSample, snapshot} from '../../helpers/snapshots.js';

const kib = 1024;
const mib = 1024 * kib;

/** RSS of a daemon's own process at tick i, by the shape of each case (whole KiB, as the kernel reports). */
const shapes: Record<string, (index: number, noise: number) => number> = {
	leak: (index, noise) => (40 * mib) + (index * 24 * kib) + noise,
	flat: (_index, noise) => (40 * mib) + noise,
	step: (index, noise) => (40 * mib) + (index > 150 ? 6 * mib : 0) + noise,
	release: (index, noise) => (80 * mib) - (index * 30 * kib) + noise,
	sawtooth: (index, noise) => (40 * mib) + ((index % 40) * 100 * kib) + noise,
};

/**
 * One rule, two places: the live view's RSS/h and PSS/h cells on the last tick of a run say what
 * the report of that run's recording says. Each daemon is fed tick by tick to the live model and to
 * the real recorder; the report reads the CSVs back.
 */
test('the live view\'s last growth verdict and slope equal the report\'s on the same run', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-growth-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const recorder = new Recorder({processFolder: folder, diskFolder: path.join(folder, 'files'), unit: 'KB', diskUnit: 'GB'});
	const store = new HistoryStore({schedule: flush => flush()});
	const ticks = 300;
	// Ticks jitter within their second (a tick that crossed into the next second would share its
	// Timestamp with the next one: the recording cannot tell them apart).
	const start = Date.UTC(2026, 0, 2, 3, 4, 5) + random.int(900);
	const daemons = Object.keys(shapes).map(shape => `wazuh-${shape}d`);
	for (let index = 0; index < ticks; index++) {
		// A tick starts a little after the whole second, as the ticker's do; the CSV keeps the second.
		const time = start + (index * 1000) + random.int(50);
		const samples = daemons.flatMap((daemon, which) => {
			const shape = Object.values(shapes)[which]!;
			const own = shape(index, random.int(64) * 4 * kib);
			const child = (8 * mib) + (random.int(16) * 4 * kib);
			return [
				processSample({role: daemon, pid: 100 + which, rss: own, pss: own - (2 * mib)}),
				processSample({role: `${daemon}_child_1`, pid: 200 + which, rss: child, pss: child - mib}),
			];
		});
		const tick = snapshot(samples, {tick: index + 1, time});
		store.addSnapshot(tick);
		recorder.writeSnapshot(tick);
	}

	recorder.close();
	const report = buildReport(readRecording(folder), undefined, defaultThresholds, 'test');
	const end = store.getSnapshot().processEnd;
	const times = store.processTimeline(store.capacity, end).map(time => recordedTime(time, 1));
	const verdicts = new Set<string>();
	for (const daemon of daemons) {
		const reported = report.daemons.find(entry => entry.daemon === daemon)!;
		for (const metric of ['rss', 'pss'] as const) {
			const role = totalRole(daemon);
			const live = memoryGrowth(times, store.series(role, metric, store.capacity, end), recordedTime(store.firstSeen(role)!, 1), metric)!;
			const trend = reported.trends.find(each => each.metric === metric)!;
			t.is(live.verdict, trend.verdict, `${daemon} ${metric}`);
			t.is(live.perHour, trend.slopeMiBPerHour! * mib, `${daemon} ${metric} slope`);
			t.is(live.steady, trend.verdict === 'growing');
			verdicts.add(trend.verdict);
		}
	}

	// The cases cover each verdict the rule gives.
	t.deepEqual([...verdicts].sort(), ['growing', 'shrinking', 'stable']);
});
