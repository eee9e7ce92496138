import test from 'ava';
import {SessionFeed} from '../../../source/model/feed.js';
import {HistoryStore} from '../../../source/model/history-store.js';
import {diskSample, diskSnapshot, fleet, sample, snapshot} from '../../helpers/ui-snapshots.js';

const list = (values: Float64Array) => Array.from(values, value => (Number.isNaN(value) ? 'gap' : value));

/** A store whose notifications run when the test says so. */
function manualStore(capacity = 10, extra: {maxRoles?: number} = {}) {
	const pending: Array<() => void> = [];
	const store = new HistoryStore({capacity, ...extra, schedule: flush => pending.push(flush)});
	return {store, flush: () => pending.splice(0).forEach(run => run())};
}

test('each role keeps its own history of every metric', t => {
	const {store} = manualStore();
	for (let tick = 1; tick <= 3; tick++) {
		store.addSnapshot(snapshot(tick, [sample('wazuh-db', {cpuPercent: tick * 10, rss: tick * 1000})]));
	}

	const end = store.getSnapshot().processEnd;
	t.deepEqual(list(store.series('wazuh-db', 'cpuPercent', 3, end)), [10, 20, 30]);
	t.deepEqual(list(store.series('wazuh-db', 'rss', 3, end)), [1000, 2000, 3000]);
});

test('a role absent on a tick gets a gap there, so every series stays aligned on ticks', t => {
	const {store} = manualStore();
	store.addSnapshot(snapshot(1, [sample('wazuh-db', {cpuPercent: 1})]));
	store.addSnapshot(snapshot(2, [sample('wazuh-analysisd', {cpuPercent: 5})]));
	store.addSnapshot(snapshot(3, [sample('wazuh-db', {cpuPercent: 3}), sample('wazuh-analysisd', {cpuPercent: 6})]));
	const end = store.getSnapshot().processEnd;
	t.deepEqual(list(store.series('wazuh-db', 'cpuPercent', 3, end)), [1, 'gap', 3]);
	t.deepEqual(list(store.series('wazuh-analysisd', 'cpuPercent', 3, end)), ['gap', 5, 6]);
});

test('unreadable fields are gaps, not zeros', t => {
	const {store} = manualStore();
	store.addSnapshot(snapshot(1, [sample('wazuh-db', {uss: undefined, fd: undefined})]));
	const end = store.getSnapshot().processEnd;
	t.deepEqual(list(store.series('wazuh-db', 'uss', 1, end)), ['gap']);
	t.deepEqual(list(store.series('wazuh-db', 'fd', 1, end)), ['gap']);
});

test('a role absent for a whole window is dropped, so memory stays bounded', t => {
	const {store} = manualStore(5);
	store.addSnapshot(snapshot(1, [sample('wazuh-modulesd_child_7'), sample('wazuh-db')]));
	for (let tick = 2; tick <= 5; tick++) {
		store.addSnapshot(snapshot(tick, [sample('wazuh-db')]));
	}

	t.is(store.roleCount, 2, 'still within the window');
	store.addSnapshot(snapshot(6, [sample('wazuh-db')]));
	t.is(store.roleCount, 1);
	t.deepEqual(list(store.series('wazuh-modulesd_child_7', 'cpuPercent', 2, store.getSnapshot().processEnd)), ['gap', 'gap']);
});

test('beyond maxRoles the longest-absent roles go first', t => {
	const {store} = manualStore(100, {maxRoles: 3});
	store.addSnapshot(snapshot(1, [sample('a_child_1'), sample('a_child_2')]));
	store.addSnapshot(snapshot(2, [sample('a_child_3')]));
	store.addSnapshot(snapshot(3, [sample('a_child_4')]));
	t.is(store.roleCount, 3);
	const end = store.getSnapshot().processEnd;
	t.deepEqual(list(store.series('a_child_1', 'cpuPercent', 3, end)), ['gap', 'gap', 'gap'], 'an oldest one was dropped');
	t.is(list(store.series('a_child_4', 'cpuPercent', 1, end))[0], 1.5);
});

test('a burst of feed events makes one notification, and the view changes immutably', t => {
	const {store, flush} = manualStore();
	const feed = new SessionFeed();
	store.attach(feed);
	let notified = 0;
	store.subscribe(() => {
		notified++;
	});
	const before = store.getSnapshot();
	feed.emit('recording', {folder: '/tmp/x', diskFolder: undefined, rowsWritten: 10, pendingRows: 0, lostRows: 0, error: undefined});
	feed.emit('snapshot', fleet(1));
	feed.emit('notice', {kind: 'daemon-down', level: 'warn', message: 'wazuh-remoted is down'});
	t.is(notified, 0);
	flush();
	t.is(notified, 1);
	const after = store.getSnapshot();
	t.not(after, before);
	t.true(after.revision > before.revision);
	t.is(before.snapshot, undefined, 'the old view is untouched');
	t.is(after.recording?.rowsWritten, 10);
	t.is(after.notices.at(-1)?.message, 'wazuh-remoted is down');
	t.is(store.getSnapshot(), after, 'same object while nothing changes');
});

test('detaching stops listening to the feed', t => {
	const {store} = manualStore();
	const feed = new SessionFeed();
	const detach = store.attach(feed);
	detach();
	feed.emit('snapshot', fleet(1));
	t.is(store.getSnapshot().snapshot, undefined);
	t.is(feed.listenerCount('snapshot'), 0);
});

test('pause freezes what is shown while history keeps recording', t => {
	const {store} = manualStore();
	store.addSnapshot(snapshot(1, [sample('wazuh-db', {cpuPercent: 1})]));
	store.togglePause();
	const frozen = store.getSnapshot();
	t.true(frozen.paused);
	store.addSnapshot(snapshot(2, [sample('wazuh-db', {cpuPercent: 2})]));
	store.setRecording({folder: '/tmp/x', diskFolder: undefined, rowsWritten: 2, pendingRows: 0, lostRows: 0, error: undefined});
	const paused = store.getSnapshot();
	t.is(paused.snapshot?.tick, 1, 'the table keeps the paused tick');
	t.is(paused.processEnd, frozen.processEnd);
	t.deepEqual(list(store.series('wazuh-db', 'cpuPercent', 1, paused.processEnd)), [1], 'charts read up to the paused tick');
	t.is(paused.recording?.rowsWritten, 2, 'the recording state stays live');
	store.togglePause();
	const resumed = store.getSnapshot();
	t.false(resumed.paused);
	t.is(resumed.snapshot?.tick, 2);
	t.deepEqual(list(store.series('wazuh-db', 'cpuPercent', 2, resumed.processEnd)), [1, 2], 'nothing was lost while paused');
});

test('notices are bounded', t => {
	const store = new HistoryStore({maxNotices: 3, schedule: () => undefined});
	for (let index = 0; index < 10; index++) {
		store.addNotice({kind: 'monitor-warning', level: 'info', message: `notice ${index}`});
	}

	t.deepEqual(store.getSnapshot().notices.map(notice => notice.message), ['notice 7', 'notice 8', 'notice 9']);
});

test('disk paths keep a size history with their times; a missing path is a gap', t => {
	const {store} = manualStore();
	store.addDisk(diskSnapshot(1, [diskSample('/var/log/a.log', {size: 100})]));
	store.addDisk(diskSnapshot(2, [diskSample('/var/log/a.log', {exists: false, size: undefined})]));
	store.addDisk(diskSnapshot(3, [diskSample('/var/log/a.log', {size: 300})]));
	const end = store.getSnapshot().diskEnd;
	t.deepEqual(list(store.diskSizes('/var/log/a.log', 3, end)), [100, 'gap', 300]);
	const times = store.diskTimes(3, end);
	t.is(times[2]! - times[0]!, 2000);
});

test('all-given-up is kept for the header', t => {
	const {store} = manualStore();
	const feed = new SessionFeed();
	store.attach(feed);
	feed.emit('all-given-up');
	t.true(store.getSnapshot().allGivenUp);
});

test('the thread list of the focused process: the shown snapshot\'s, frozen while paused, gone when a snapshot has none', t => {
	const {store} = manualStore();
	const threads = (pid: number, cpu: number) => ({pid, threads: [{tid: pid + 1, name: 'worker', state: 'R', cpuPercent: cpu}, {tid: pid, name: 'wazuh-db', state: 'S', cpuPercent: undefined}]});
	const withThreads = (tick: number, list: ReturnType<typeof threads> | undefined) => ({...snapshot(tick, [sample('wazuh-db', {pid: 40})]), ...(list === undefined ? {} : {threadList: list})});
	t.is(store.getSnapshot().threads, undefined);
	store.addSnapshot(withThreads(1, threads(40, 12)));
	t.deepEqual(store.getSnapshot().threads, threads(40, 12));
	store.togglePause();
	store.addSnapshot(withThreads(2, threads(40, 99)));
	t.deepEqual(store.getSnapshot().threads, threads(40, 12), 'paused: the list shown with the frozen snapshot');
	store.togglePause();
	t.deepEqual(store.getSnapshot().threads, threads(40, 99), 'unpaused: the newest');
	store.addSnapshot(withThreads(3, undefined));
	t.is(store.getSnapshot().threads, undefined, 'none asked for any more');
	store.addSnapshot(withThreads(4, threads(40, 5)));
	store.reset();
	t.is(store.getSnapshot().threads, undefined);
});
