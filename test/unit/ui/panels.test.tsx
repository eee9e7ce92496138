/** @jsxRuntime automatic */
import test from 'ava';
import {DiskPanel} from '../../../source/ui/disk-panel.js';
import {diskColumns, fitDiskColumns, growthPerMinute} from '../../../source/ui/disk-layout.js';
import {diskFields} from '../../../source/model/disk-fields.js';
import {Header} from '../../../source/ui/header.js';
import {currentNotice, statusLines, warningLines} from '../../../source/ui/header-lines.js';
import {HistoryStore, type ViewState} from '../../../source/model/history-store.js';
import {footerLine} from '../../../source/ui/footer-line.js';
import {allHelpLines, helpLines} from '../../../source/ui/help-lines.js';
import {keyHelp} from '../../../source/ui/keys.js';
import {screenBudget} from '../../../source/ui/screen-layout.js';
import {initialUiState} from '../../../source/ui/ui-state.js';
import {lineText} from '../../helpers/ui-lines.js';
import {daemonState, diskSample, diskSnapshot, fleet, renderAt, sample, sessionInfo, snapshot} from '../../helpers/ui-snapshots.js';

const mib = 1024 * 1024;

function viewWith(feed: (store: HistoryStore) => void): ViewState {
	const store = new HistoryStore({schedule: () => undefined});
	feed(store);
	return store.getSnapshot();
}

const recording = {folder: '/tmp/process_metrics/01-01-2025/1735732800', diskFolder: undefined, rowsWritten: 12_345, pendingRows: 0, lostRows: 0, error: undefined};

test('the header shows host, version, interval, clock, recording and its folder', t => {
	const view = viewWith(store => {
		store.addSnapshot(fleet(5));
		store.setRecording(recording);
	});
	const {text} = renderAt(120, <Header info={sessionInfo({interval: 0.5})} view={view} warnings={[]} width={120} />);
	const [first, second] = text();
	t.regex(first!, /^wazuh-metrics {2}manager-01 {2}Wazuh 4\.9\.0 {2}every 0\.5s/);
	t.regex(first!, /2025\/01\/01 12:00:05$/);
	t.regex(second!, /● REC 12,345 rows \/tmp\/process_metrics\/01-01-2025\/1735732800/);
	t.notRegex(second!, /PAUSED/);
	t.true(text().every(line => line.length <= 120));
});

test('the header says PAUSED while the display is frozen', t => {
	const view = viewWith(store => {
		store.addSnapshot(fleet(5));
		store.togglePause();
	});
	t.regex(lineText(statusLines(sessionInfo(), view, 100)[1]!), /PAUSED/);
});

test('a long folder keeps its end on a narrow terminal', t => {
	const view = viewWith(store => {
		store.setRecording({...recording, folder: `/very/long/${'x'.repeat(100)}/1735732800`});
	});
	const second = lineText(statusLines(sessionInfo(), view, 60)[1]!);
	t.is(second.length, 60);
	t.regex(second, /…x+\/1735732800/);
});

test('not root with unreadable fields: the header says to run as root', t => {
	const view = viewWith(store => {
		store.addSnapshot(snapshot(1, [sample('wazuh-db', {uss: undefined})], [daemonState('wazuh-db', {unreadable: ['USS', 'PSS', 'SWAP']})]));
	});
	const lines = warningLines(sessionInfo({root: false}), view, 2).map(line => lineText(line));
	t.deepEqual(lines, ['▲ not root: USS/PSS/SWAP/IO of other users unreadable (shown as -) — run as root']);
	const asRoot = warningLines(sessionInfo({root: true}), view, 2).map(line => lineText(line));
	t.deepEqual(asRoot, ['▲ unreadable: USS, PSS, SWAP (shown as -)']);
	t.deepEqual(warningLines(sessionInfo({root: false}), viewWith(store => {
		store.addSnapshot(fleet());
	}), 2), [], 'nothing to say when everything is readable');
});

test('a failing recorder is the first warning, in red', t => {
	const view = viewWith(store => {
		store.addSnapshot(fleet());
		store.setRecording({...recording, error: 'ENOSPC: no space left on device', pendingRows: 40, lostRows: 0});
		store.addNotice({kind: 'recording-failed', level: 'error', message: 'cannot write CSVs: ENOSPC; monitoring goes on, rows wait in memory'});
	});
	const lines = warningLines(sessionInfo(), view, 2);
	t.is(lines.length, 1, 'the recorder notice is not repeated');
	t.is(lineText(lines[0]!), '✖ cannot write CSVs: ENOSPC: no space left on device; 40 rows waiting');
	t.is(lines[0]![0]!.color, 'red');
	t.regex(lineText(statusLines(sessionInfo(), view, 100)[1]!), /REC FAILING/);
	const {text} = renderAt(100, <Header info={sessionInfo()} view={view} warnings={lines} width={100} />);
	t.regex(text()[3]!, /cannot write CSVs/);
});

test('notices fade after a while, warnings later than info', t => {
	const view = viewWith(store => {
		store.addNotice({kind: 'daemon-down', level: 'warn', message: 'wazuh-remoted is down'});
		for (let tick = 1; tick <= 30; tick++) {
			store.addSnapshot(fleet(tick));
		}
	});
	t.is(currentNotice(view, 1)?.message, 'wazuh-remoted is down');
	t.is(currentNotice(view, 3), undefined, '90 s later it is gone');
	const info = viewWith(store => {
		store.addNotice({kind: 'recording-resumed', level: 'info', message: 'writing CSVs again'});
		for (let tick = 1; tick <= 30; tick++) {
			store.addSnapshot(fleet(tick));
		}
	});
	t.is(currentNotice(info, 1), undefined);
});

test('when every daemon is given up the header says to quit, and REC is no longer a red dot', t => {
	const view = viewWith(store => {
		store.setAllGivenUp();
	});
	t.regex(lineText(warningLines(sessionInfo(), view, 2)[0]!), /given up.*Press q to quit/);
	const rec = statusLines(sessionInfo(), view, 100)[1]!;
	t.regex(lineText(rec), /^○ REC stopped/);
	t.false(rec.some(segment => segment.color === 'red'));
	const recording = statusLines(sessionInfo(), viewWith(() => undefined), 100)[1]!;
	t.regex(lineText(recording), /^● REC/);
	t.is(recording[0]!.color, 'red', 'recording (daemons, or disk paths when every daemon is given up): red');
});

test('the frame is always shorter than the terminal', t => {
	for (const rows of [10, 24, 40, 60]) {
		for (const warnings of [0, 1, 2, 5]) {
			for (const diskPaths of [0, 3, 50]) {
				const budget = screenBudget({rows, warnings, diskPaths, showDisk: true});
				t.true(budget.frame < rows);
				t.is(budget.header + budget.body + 1, budget.frame);
				t.is(budget.table + budget.disk, budget.body);
				t.true(budget.table >= budget.disk);
			}
		}
	}

	t.is(screenBudget({rows: 24, warnings: 0, diskPaths: 2, showDisk: true}).disk, 3);
	t.is(screenBudget({rows: 24, warnings: 0, diskPaths: 2, showDisk: false}).disk, 0);
});

test('growth per minute comes from the last minute of sizes, once a minute of history exists', t => {
	const times = Float64Array.from([0, 30_000, 60_000, 90_000]);
	t.is(growthPerMinute(times, Float64Array.from([0, 1000, 2000, 3000])), 2000, 'uses 30 s..90 s');
	t.is(growthPerMinute(times, Float64Array.from([0, Number.NaN, 2000, 2000])), 0);
	t.is(growthPerMinute(Float64Array.from([0, 2000]), Float64Array.from([0, 100])), undefined, 'one step of 2 s is not extrapolated to a minute');
	t.is(growthPerMinute(Float64Array.from([0, 30_000, 59_000]), Float64Array.from([0, 100, 200])), undefined, '59 s of history: still measuring');
	t.is(growthPerMinute(Float64Array.from([0, 30_000, 60_000]), Float64Array.from([0, 100, 200])), 200, 'a minute: measured');
	t.is(growthPerMinute(Float64Array.from([0, 120_000]), Float64Array.from([0, 600])), 300, 'samples 2 min apart: from the one before');
	t.is(growthPerMinute(Float64Array.from([Number.NaN, 0]), Float64Array.from([Number.NaN, 100])), undefined, 'one size: still measuring');
	t.is(growthPerMinute(Float64Array.from([]), Float64Array.from([])), undefined);
});

test('disk columns name fields of the disk registry', t => {
	const keys = new Set(diskFields.map(field => field.key));
	for (const column of diskColumns) {
		t.true(column.field === undefined || keys.has(column.field), column.id);
	}

	t.deepEqual(fitDiskColumns(40).map(({column}) => column.id), ['file', 'size', 'growth']);
});

test('the disk panel: sizes, usage, growth, sparkline, missing and measuring', t => {
	const store = new HistoryStore({schedule: () => undefined});
	const path = '/var/ossec/logs/archives/archives.json';
	const early = () => {
		const view = store.getSnapshot();
		const history = (p: string, count: number) => ({sizes: store.diskSizes(p, count, view.diskEnd), times: store.diskTimes(count, view.diskEnd)});
		return renderAt(120, <DiskPanel disk={view.disk} paths={[]} history={history} width={120} height={6} />).text();
	};

	for (let tick = 1; tick <= 61; tick++) {
		store.addDisk(diskSnapshot(tick, [
			diskSample(path, {size: (5 * mib) + (tick * 10 * 1024)}),
			diskSample('/var/ossec/logs/alerts/alerts.json', {exists: false, size: undefined, usagePercent: undefined}),
		]));
		if (tick === 10) {
			t.regex(early()[1]!, /archives\.json +5\.1M +0\.012% +measuring/, '10 s of history: not extrapolated to a minute');
		}
	}

	store.addDisk(diskSnapshot(62, [
		diskSample(path, {size: (5 * mib) + (620 * 1024)}),
		diskSample('/var/ossec/logs/alerts/alerts.json', {exists: false, size: undefined, usagePercent: undefined}),
		diskSample('/var/ossec/queue/db', {isDirectory: true, size: 80 * mib, problem: 'permission denied: 2 entries skipped'}),
	]));
	const view = store.getSnapshot();
	const history = (p: string, count: number) => ({sizes: store.diskSizes(p, count, view.diskEnd), times: store.diskTimes(count, view.diskEnd)});
	for (const width of [80, 120]) {
		const {text} = renderAt(width, <DiskPanel disk={view.disk} paths={[]} history={history} width={width} height={6} />);
		const lines = text();
		t.true(lines.every(line => line.length <= width));
		t.regex(lines[0]!, /FILE +SIZE +USAGE +GROWTH SIZE HISTORY/);
		t.regex(lines[1]!, /archives\.json +5\.6M +0\.012% +\+600K\/min +[▁▂▃▄▅▆▇█]{11}/);
		t.regex(lines[2]!, /alerts\.json +missing +- +-/);
		t.notRegex(lines[2]!, /⚠/, 'a missing path shows its path, not a problem');
		t.regex(lines[3]!, /db +80\.0M +0\.012% +measuring/);
		t.is(lines[3]!.includes('permission denied'), width >= 100, 'a walk problem shows where the path would');
	}
});

test('the disk panel says how many paths did not fit', t => {
	const store = new HistoryStore({schedule: () => undefined});
	store.addDisk(diskSnapshot(1, Array.from({length: 6}, (_, index) => diskSample(`/data/file-${index}.log`))));
	const view = store.getSnapshot();
	const history = (p: string, count: number) => ({sizes: store.diskSizes(p, count, view.diskEnd), times: store.diskTimes(count, view.diskEnd)});
	const {text} = renderAt(80, <DiskPanel disk={view.disk} paths={[]} history={history} width={80} height={4} />);
	const lines = text();
	t.is(lines.length, 4);
	t.regex(lines[3]!, /… 4 more paths/);
});

test('the footer lists the main keys, or the filter being typed', t => {
	t.regex(lineText(footerLine(initialUiState, 80)), /↑↓ select {2}⏎ detail {2}\/ filter {2}P M N sort .* q quit *$/);
	t.regex(lineText(footerLine({...initialUiState, editing: true, filter: 'mod'}, 80)), /^filter: mod▏ {3}Enter keep {2}Esc clear/);
	t.regex(lineText(footerLine({...initialUiState, filter: 'mod'}, 80)), /^filter "mod" Esc clears/);
	t.regex(lineText(footerLine({...initialUiState, view: 'detail'}, 80)), /^Esc back/);
	t.is(lineText(footerLine(initialUiState, 50)).length, 50);
});

test('the help ends with where the log is, when there is room', t => {
	t.true(helpLines(120, 60, {location: {label: 'Log', path: '/tmp/process_metrics/wazuh-metrics.log'}}).some(line => lineText(line).startsWith('Log  /tmp/process_metrics/wazuh-metrics.log')));
});

test('the help lists every key of the live table and fits 80x24 with two warnings: what does not fit is scrolled to, never cut', t => {
	const height = 17;
	const all = allHelpLines(80).map(line => lineText(line));
	t.true(all.length > height, 'taller than the screen: it must scroll');
	t.true(all.every(line => line.length === 80));
	// Nothing is cut: every word of every action and note is on some line whole.
	for (const {bindings} of keyHelp('live')) {
		for (const binding of bindings) {
			t.true(all.some(line => line.includes(binding.keys)), binding.keys);
			for (const word of binding.action.split(' ')) {
				t.true(all.some(line => line.split(' ').includes(word)), `${binding.keys}: ${word}`);
			}
		}
	}

	// Scrolled from top to bottom, every line is seen, and the window always has `height` lines.
	const seen = new Set<string>();
	for (let scroll = 0; scroll <= all.length - height; scroll++) {
		const shown = helpLines(80, height, undefined, scroll).map(line => lineText(line));
		t.is(shown.length, height);
		for (const line of shown) {
			seen.add(line);
		}
	}

	t.deepEqual(all.filter(line => !seen.has(line)), []);
	t.regex(lineText(helpLines(80, height)[height - 1]!), /↓ \d+ more lines/);
	t.regex(lineText(helpLines(80, height, undefined, all.length)[0]!), /↑ \d+ lines above/);
});

test('with --no-record the header says nothing is recorded, never REC', t => {
	const view = viewWith(store => {
		store.addSnapshot(fleet(5));
		store.togglePause();
	});
	const second = lineText(statusLines(sessionInfo({exportOnly: true}), view, 120)[1]!);
	t.regex(second, /^○ not recording \(--no-record: exporting only\)/);
	t.notRegex(second, /REC/);
	t.regex(second, /display frozen, export goes on/);
});
