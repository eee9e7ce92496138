import test from 'ava';
import {HistoryStore} from '../../../source/model/history-store.js';
import {visibleView} from '../../../source/ui/visible-view.js';
import {fleet, sessionInfo} from '../../helpers/ui-snapshots.js';

const progress = (rowsWritten: number, error?: string) => ({folder: '/var/log/wm', diskFolder: undefined, rowsWritten, pendingRows: error === undefined ? 0 : 3, lostRows: 0, error});

function setup() {
	const store = new HistoryStore({schedule: run => run()});
	const view = visibleView(store.getSnapshot, sessionInfo());
	store.addSnapshot(fleet(1));
	store.setRecording(progress(10));
	return {store, view};
}

test('live, every change of the model is a new view', t => {
	const {store, view} = setup();
	const first = view();
	t.is(view(), first, 'the same object while the model is unchanged');
	store.addSnapshot(fleet(2));
	t.not(view(), first);
	t.is(view(), store.getSnapshot());
});

test('paused, ticks and row counts give the view last drawn: no render', t => {
	const {store, view} = setup();
	store.togglePause();
	const paused = view();
	t.true(paused.paused);
	for (let tick = 2; tick < 6; tick++) {
		store.addSnapshot(fleet(tick));
		store.setRecording(progress(tick * 10));
		t.is(view(), paused, `tick ${tick}`);
	}

	store.togglePause();
	t.false(view().paused, 'resuming is seen');
	t.is(view().recording?.rowsWritten, 50, 'with the rows written meanwhile');
});

test('paused, a failing recorder and a new notice still reach the screen', t => {
	const {store, view} = setup();
	store.togglePause();
	const paused = view();
	store.setRecording(progress(20, 'disk full'));
	const failing = view();
	t.not(failing, paused);
	t.is(failing.recording?.error, 'disk full');
	store.setRecording(progress(20));
	store.addNotice({level: 'warn', kind: 'daemon-restarted', message: 'wazuh-analysisd restarted'});
	t.not(view(), failing);
	t.is(view().notices.at(-1)?.message, 'wazuh-analysisd restarted');
});
