import test from 'ava';
import {HistoryStore} from '../../../source/model/history-store.js';
import {readRecording} from '../../../source/reader/read-recording.js';
import {ReplayCursor} from '../../../source/replay/replay-cursor.js';
import {buildTimeline} from '../../../source/replay/timeline.js';
import {remoted414} from '../../helpers/stats-fixtures.js';
import {tmpSession, withCounters, writeProcessFile, writeStats} from '../../helpers/stats-recording.js';

/*
 * Replay hands the recorded statistics to the history store as the live feed does: at each tick,
 * each daemon's last row at or before the tick's time, so the LOAD column and the detail charts
 * show them. The folder is written by the real writers.
 */

const start = new Date(2025, 0, 1, 12, 0, 0).getTime();
const started = start - 60_000;

function folderWithStats(t: {teardown: (fn: () => void) => void}): string {
	const folder = tmpSession(t);
	writeProcessFile(folder, 'wazuh-remoted', start, 20, () => 10);
	// A row every 5 s from second 2: 100 messages a second.
	writeStats(folder, start + 2000, 5000, 4, round => [withCounters(remoted414(), start + 2000 + (round * 5000), started, {
		'metrics.messages.received_breakdown.event': 500 * round,
		'metrics.queues.received.usage': 10 * round,
		'metrics.queues.received.size': 100,
	})]);
	return folder;
}

test('each tick carries each daemon\'s last statistics row at or before its time; none before the first row', t => {
	const timeline = buildTimeline(readRecording(folderWithStats(t)));
	t.is(timeline.times.length, 20);
	const messages = Array.from(timeline.times, (_, index) => timeline.statsAt(index)?.daemons[0]?.values.messagesReceived);
	t.deepEqual(messages, [
		undefined, undefined, 0, 0, 0, 0, 0, 500, 500, 500, 500, 500, 1000, 1000, 1000, 1000, 1000, 1500, 1500, 1500,
	]);
	const snapshot = timeline.statsAt(7)!;
	t.is(snapshot.time, timeline.times[7]!);
	t.is(snapshot.daemons[0]!.daemon, 'wazuh-remoted');
});

test('the replay cursor feeds them to the history store: the LOAD figures of the tick, as live would show them', t => {
	const timeline = buildTimeline(readRecording(folderWithStats(t)));
	const store = new HistoryStore({capacity: 50, slack: 8, schedule: flush => flush()});
	const cursor = new ReplayCursor(timeline, store);
	cursor.goTo(13);
	t.is(cursor.index, 13);
	const load = store.getSnapshot().loads.get('wazuh-remoted');
	t.is(load?.values.messagesReceived, 100);
	t.is(load?.fullest?.name, 'received');
	t.is(load?.fullest?.usage, 0.2);
});

test('a move back within the ticks held shows the loads of the tick shown, not of the newest loaded', t => {
	const timeline = buildTimeline(readRecording(folderWithStats(t)));
	const store = new HistoryStore({capacity: 50, slack: 8, schedule: flush => flush()});
	const cursor = new ReplayCursor(timeline, store);
	cursor.goTo(13);
	t.is(store.getSnapshot().loads.get('wazuh-remoted')?.fullest?.usage, 0.2);
	cursor.goTo(8);
	t.is(cursor.index, 8);
	t.is(cursor.refills, 1, 'shown from what the store holds, not rebuilt');
	const load = store.getSnapshot().loads.get('wazuh-remoted');
	t.is(load?.fullest?.usage, 0.1, 'the reading of second 7');
	t.is(load?.values.messagesReceived, 100, 'the rate between the readings of seconds 2 and 7');
	cursor.goTo(3);
	const first = store.getSnapshot().loads.get('wazuh-remoted');
	t.is(first?.fullest?.usage, 0);
	t.is(first?.values.messagesReceived, undefined, 'one reading: no rate yet');
});
