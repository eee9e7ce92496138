import test from 'ava';
import type {RecordedProcess, RecordedSample, Recording} from '../../../source/reader/recording.js';
import {parseGotoTime, ReplayCursor} from '../../../source/replay/replay-cursor.js';
import {buildTimeline} from '../../../source/replay/timeline.js';
import {HistoryStore, totalRole} from '../../../source/model/history-store.js';
import {historyMetrics} from '../../../source/model/process-metrics.js';
import {seededRandom} from '../../helpers/random.js';
import {processFromSamples} from '../../helpers/recorded.js';

const start = new Date(2025, 0, 1, 12, 0, 0).getTime();
const sample = (second: number, pid: number, rss: number): RecordedSample => ({
	time: start + (second * 1000), pid, cpuPercent: 1, vms: undefined, rss, uss: undefined, pss: undefined, swap: undefined,
	fd: 3, threads: 1, readOps: undefined, writeOps: undefined, diskRead: undefined, diskWritten: undefined, diskReadSpeed: undefined, diskWriteSpeed: undefined,
});
const process = (role: string, daemon: string, childIndex: number, samples: RecordedSample[]): RecordedProcess => processFromSamples(role, daemon, childIndex, samples);
const recording = (processes: RecordedProcess[]): Recording => ({
	folder: '/x', format: 'wazuh-metrics', host: undefined, demo: false, wazuhVersion: '4.9.0', interval: 1, processes, disk: [], missingColumns: [], problems: [],
});

test('a recording becomes the snapshots the live view saw: roles per tick, a PID change a restart, a missing daemon down', t => {
	const timeline = buildTimeline(recording([
		process('wazuh-db', 'wazuh-db', 0, [sample(0, 10, 100), sample(1, 10, 110), sample(2, 11, 120), sample(4, 11, 130)]),
		process('wazuh-db_child_1', 'wazuh-db', 1, [sample(0, 20, 50), sample(1, 20, 50)]),
		process('wazuh-remoted', 'wazuh-remoted', 0, [sample(0, 30, 70), sample(3, 30, 70), sample(4, 30, 70)]),
	]));
	t.deepEqual(Array.from(timeline.times, time => (time - start) / 1000), [0, 1, 2, 3, 4]);
	const status = (index: number, name: string) => timeline.snapshotAt(index).daemons.find(daemon => daemon.name === name)!;
	t.deepEqual(timeline.snapshotAt(0).samples.map(each => each.role), ['wazuh-db', 'wazuh-db_child_1', 'wazuh-remoted']);
	t.is(status(2, 'wazuh-db').status, 'restarted');
	t.is(status(2, 'wazuh-db').restarts, 1);
	t.is(status(3, 'wazuh-db').status, 'down');
	t.is(status(4, 'wazuh-db').status, 'running', 'same PID after a gap: not a restart');
	t.is(status(4, 'wazuh-db').restarts, 1);
	t.is(status(1, 'wazuh-remoted').status, 'down');
	t.is(timeline.snapshotAt(2).samples.find(each => each.role === 'wazuh-db')!.rss, 120);
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

test('following a folder being recorded: a tick is shown once every file has it; a cursor on the newest tick follows, one elsewhere stays', t => {
	// p's file has tick 4 already, q's not yet (the recorder writes one file after the other).
	const rows = (role: string, count: number, pid: number) => process(role, role, 0, Array.from({length: count}, (_, second) => sample(second, pid, 100 + second)));
	const timeline = buildTimeline(recording([rows('p', 5, 1), rows('q', 4, 2)]));
	const store = new HistoryStore();
	const cursor = new ReplayCursor(timeline, store);
	const shown = () => store.getSnapshot().snapshot!.samples.map(each => `${each.role}@${each.rss}`).join(' ');
	// A read found rows still coming: tick 4, which q lacks, is held back.
	cursor.grown(timeline, cursor.position, true, true);
	t.is(cursor.count, 4);
	cursor.goTo(10);
	t.is(cursor.index, 3);
	t.true(cursor.following);
	t.is(shown(), 'p@103 q@103');
	// The next read: p has 6 rows, q 5. Rows still came: the newest tick (5) waits, tick 4 (now whole) is shown.
	let before = cursor.position;
	timeline.update(recording([rows('p', 6, 1), rows('q', 5, 2)]));
	cursor.grown(timeline, before, true, true);
	t.is(cursor.count, 5);
	t.is(cursor.index, 4);
	t.true(cursor.following);
	t.is(shown(), 'p@104 q@104');
	// A read that found nothing more: tick 5 is whole as far as the folder will tell, and shown.
	before = cursor.position;
	cursor.grown(timeline, before, false, true);
	t.is(cursor.index, 5);
	t.is(shown(), 'p@105');
	// q's row of tick 5 comes late: tick 5 is held back again, the cursor on the last whole tick; then shown whole.
	before = cursor.position;
	timeline.update(recording([rows('p', 6, 1), rows('q', 6, 2)]));
	cursor.grown(timeline, before, true, true);
	t.is(cursor.index, 4);
	t.is(shown(), 'p@104 q@104');
	cursor.grown(timeline, cursor.position, false, true);
	t.is(cursor.index, 5);
	t.is(shown(), 'p@105 q@105');
	// One step back: no longer following; new ticks leave the cursor where it is.
	cursor.step(-1);
	before = cursor.position;
	timeline.update(recording([rows('p', 9, 1), rows('q', 9, 2)]));
	cursor.grown(timeline, before, false, true);
	t.false(cursor.following);
	t.is(cursor.index, 4);
	t.is(cursor.count, 9);
	t.is(shown(), 'p@104 q@104');
	cursor.stop();
});

test('this tool\'s ticks are its timestamps: two ticks a loaded machine ran closer than -s 0.25 stay two snapshots', t => {
	const at = (ms: number, pid: number, rss: number): RecordedSample => ({...sample(0, pid, rss), time: start + ms});
	const timeline = buildTimeline({
		...recording([process('d', 'd', 0, [at(0, 1, 10), at(380, 1, 11), at(500, 1, 12)])]),
		interval: 0.25,
	});
	t.deepEqual(Array.from(timeline.times, time => time - start), [0, 380, 500]);
	t.deepEqual([0, 1, 2].map(index => timeline.snapshotAt(index).samples[0]!.rss), [10, 11, 12]);
	t.is(timeline.snapshotAt(1).timestamp, '2025/01/01 12:00:00.380');
});

test('a cursor moved back within the slack shows what a store rebuilt at that tick shows, without rebuilding; further back it rebuilds', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	// 200 ticks: d restarts at 120; its child lives from 30 to 90; e is down from 60 to 70; a disk path from tick 10.
	const ticks = 200;
	const rows = (from: number, to: number, pid: (second: number) => number) => Array.from({length: to - from}, (_, offset) => sample(from + offset, pid(from + offset), 100 + random.int(1000)));
	const timeline = buildTimeline({
		...recording([
			process('d', 'd', 0, rows(0, ticks, second => (second < 120 ? 1 : 2))),
			process('d_child_1', 'd', 1, rows(30, 90, () => 3)),
			process('e', 'e', 0, [...rows(0, 60, () => 4), ...rows(70, ticks, () => 4)]),
		]),
		disk: [{path: '/var/ossec/queue', file: 'queue.csv', samples: Array.from({length: ticks - 10}, (_, offset) => ({time: start + ((10 + offset) * 1000), size: 1000 + random.int(1000), usagePercent: 1}))}],
	});
	const capacity = 20;
	const slack = 8;
	// What the screen reads: every series of the window, its times, the disk's, the tick shown.
	const view = (store: HistoryStore): string => {
		const state = store.getSnapshot();
		const parts = [state.snapshot?.timestamp, state.disk?.timestamp, ...state.disk?.samples.map(each => each.size) ?? [], ...store.processTimeline(capacity, state.processEnd), ...store.diskTimes(capacity, state.diskEnd), ...store.diskSizes('/var/ossec/queue', capacity, state.diskEnd)];
		for (const role of ['d', 'd_child_1', 'e', totalRole('d'), totalRole('e')]) {
			for (const metric of [...historyMetrics, 'pid' as const]) {
				parts.push(...store.series(role, metric, capacity, state.processEnd));
			}
		}

		return parts.join(' ');
	};

	const store = new HistoryStore({capacity, slack, schedule: flush => flush()});
	const cursor = new ReplayCursor(timeline, store);
	// From the end, back one tick at a time: the first `slack` steps show ticks held.
	cursor.goTo(ticks - 1);
	const refillsAtEnd = cursor.refills;
	const fresh = (index: number): string => {
		const other = new HistoryStore({capacity, slack, schedule: flush => flush()});
		const otherCursor = new ReplayCursor(timeline, other);
		otherCursor.goTo(index);
		return view(other);
	};

	for (let step = 1; step <= slack; step++) {
		cursor.step(-1);
		t.is(view(store), fresh(cursor.index), `${step} back`);
	}

	t.is(cursor.refills, refillsAtEnd, 'no rebuild within the slack');
	cursor.step(-1);
	t.is(cursor.refills, refillsAtEnd + 1, 'one step past the slack rebuilds');
	t.is(view(store), fresh(cursor.index));
	// Random moves (steps, jumps both ways, the first tick, the end): always the view of a fresh store.
	for (let move = 0; move < 150; move++) {
		const choice = random.int(4);
		if (choice === 0) {
			cursor.step(random.int(2) === 0 ? -1 : 1);
		} else if (choice === 1) {
			cursor.step(random.int(2 * slack) - slack);
		} else if (choice === 2) {
			cursor.goTo(random.int(ticks));
		} else {
			cursor.step(random.int(2 * (capacity + slack)) - capacity - slack);
		}

		t.is(view(store), fresh(cursor.index), `move ${move} to ${cursor.index}`);
	}

	t.true(cursor.refills < 150, `${cursor.refills} rebuilds in 150 moves`);
	cursor.stop();
});

test('a disk file that appears while following: a held tick from before it shows no disk, one after shows the disk ticks added by then', t => {
	const rows = (count: number) => Array.from({length: count}, (_, second) => sample(second, 1, 100 + second));
	const disk = (count: number) => [{path: '/var/ossec/queue', file: 'queue.csv', samples: Array.from({length: count}, (_, second) => ({time: start + (second * 1000), size: 1000 + second, usagePercent: 1}))}];
	const timeline = buildTimeline(recording([process('p', 'p', 0, rows(10))]));
	const store = new HistoryStore({capacity: 20, slack: 8, schedule: flush => flush()});
	const cursor = new ReplayCursor(timeline, store);
	cursor.goTo(9);
	t.is(store.getSnapshot().disk, undefined);
	const before = cursor.position;
	timeline.update({...recording([process('p', 'p', 0, rows(15))]), disk: disk(15)});
	cursor.grown(timeline, before, false, false);
	t.is(cursor.index, 14, 'followed to the newest tick');
	t.is(store.getSnapshot().diskEnd, 5);
	cursor.step(-2);
	t.is(store.getSnapshot().diskEnd, 3);
	t.is(store.getSnapshot().disk?.samples[0]?.size, 1012);
	cursor.step(-3);
	t.is(cursor.index, 9);
	t.is(store.getSnapshot().diskEnd, 0);
	t.is(store.getSnapshot().disk, undefined);
	cursor.stop();
});
