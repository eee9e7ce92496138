import test from 'ava';
import {processFromSamples} from '../source/recording/process-columns.js';
import type {RecordedProcess, RecordedSample, Recording} from '../source/recording/recording.js';
import {parseGotoTime} from '../source/replay/replay-cursor.js';
import {buildTimeline} from '../source/replay/timeline.js';

const start = new Date(2025, 0, 1, 12, 0, 0).getTime();
const sample = (second: number, pid: number, rss: number): RecordedSample => ({
	time: start + (second * 1000), pid, cpuPercent: 1, vms: undefined, rss, uss: undefined, pss: undefined, swap: undefined,
	fd: 3, threads: 1, readOps: undefined, writeOps: undefined, diskRead: undefined, diskWritten: undefined, diskReadSpeed: undefined, diskWriteSpeed: undefined,
});
const process = (role: string, daemon: string, childIndex: number, samples: RecordedSample[]): RecordedProcess => processFromSamples(role, daemon, childIndex, samples);
const recording = (processes: RecordedProcess[]): Recording => ({
	folder: '/x', format: 'wazuh-metrics', host: undefined, version: '4.9.0', interval: 1, processes, disk: [], missingColumns: [], problems: [],
});

test('a recording becomes the snapshots the live view saw: roles per tick, a PID change a restart, a missing daemon down', t => {
	const timeline = buildTimeline(recording([
		process('wazuh-db', 'wazuh-db', 0, [sample(0, 10, 100), sample(1, 10, 110), sample(2, 11, 120), sample(4, 11, 130)]),
		process('wazuh-db_child_1', 'wazuh-db', 1, [sample(0, 20, 50), sample(1, 20, 50)]),
		process('wazuh-remoted', 'wazuh-remoted', 0, [sample(0, 30, 70), sample(3, 30, 70), sample(4, 30, 70)]),
	]));
	t.deepEqual(timeline.times.map(time => (time - start) / 1000), [0, 1, 2, 3, 4]);
	const status = (index: number, name: string) => timeline.snapshotAt(index).daemons.find(daemon => daemon.name === name)!;
	t.deepEqual(timeline.snapshotAt(0).samples.map(each => each.name), ['wazuh-db', 'wazuh-db_child_1', 'wazuh-remoted']);
	t.is(status(2, 'wazuh-db').status, 'restarted');
	t.is(status(2, 'wazuh-db').restarts, 1);
	t.is(status(3, 'wazuh-db').status, 'down');
	t.is(status(4, 'wazuh-db').status, 'running', 'same PID after a gap: not a restart');
	t.is(status(4, 'wazuh-db').restarts, 1);
	t.is(status(1, 'wazuh-remoted').status, 'down');
	t.is(timeline.snapshotAt(2).samples.find(each => each.name === 'wazuh-db')!.rss, 120);
	t.is(timeline.snapshotAt(2).timestamp, '2025/01/01 12:00:02');
	t.is(timeline.indexAt(start + 3500), 3);
	t.is(timeline.indexAt(start - 5000), 0);
});

test('go to: HH:MM[:SS] on the cursor\'s day, or a full date; nonsense is refused', t => {
	t.is(parseGotoTime('12:30', start), new Date(2025, 0, 1, 12, 30, 0).getTime());
	t.is(parseGotoTime('08:05:09', start), new Date(2025, 0, 1, 8, 5, 9).getTime());
	t.is(parseGotoTime('2025/02/03 04:05:06', start), new Date(2025, 1, 3, 4, 5, 6).getTime());
	for (const bad of ['99:99', '12', 'noon', '12:60', '2025/13/01 00:00', '2025/02/31 00:00']) {
		t.is(parseGotoTime(bad, start), undefined, bad);
	}
});
