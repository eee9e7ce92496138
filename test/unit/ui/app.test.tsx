/** @jsxRuntime automatic */
import test from 'ava';
import {App} from '../../../source/ui/app.js';
import {HistoryStore} from '../../../source/model/history-store.js';
import {initialUiState} from '../../../source/ui/ui-state.js';
import {diskSample, diskSnapshot, fleet, renderAt, sessionInfo} from '../../helpers/ui-snapshots.js';

const nextTurn = async () => new Promise(resolve => {
	setImmediate(resolve);
});

function fixedSize(columns: number, rows: number) {
	const size = {columns, rows};
	return {subscribe: () => () => undefined, getSnapshot: () => size};
}

/** A store with a few ticks of the synthetic fleet, analysisd busy. */
function fedStore(ticks = 30) {
	const store = new HistoryStore({schedule: run => run()});
	for (let tick = 1; tick <= ticks; tick++) {
		store.addSnapshot(fleet(tick, name => (name === 'wazuh-analysisd' ? 40 + (20 * Math.sin(tick / 3)) : 1)));
	}

	store.setRecording({folder: '/tmp/rec', diskFolder: undefined, rowsWritten: 300, pendingRows: 0, lostRows: 0, error: undefined});
	return store;
}

/** Renders and lets React run its effects (Ink's input listener is attached in one). */
async function renderApp(columns: number, rows: number, store = fedStore(), info = sessionInfo()) {
	let quits = 0;
	const screen = renderAt(columns, (
		<App store={store} info={info} size={fixedSize(columns, rows)} onQuit={() => {
			quits++;
		}} />
	));
	await nextTurn();
	return {...screen, store, quits: () => quits};
}

/**
 * The screen once `ready` holds for it (or the last one after 30 s, for the assertions to
 * report). React may render a key's update on a later turn, so tests wait for it instead of sleeping.
 */
async function screenWhen(text: () => string[], ready: (lines: string[]) => boolean): Promise<string[]> {
	const end = Date.now() + 30_000;
	while (!ready(text()) && Date.now() < end) {
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}

	return text();
}

async function type(stdin: {write: (data: string) => void}, ...inputs: string[]) {
	for (const input of inputs) {
		stdin.write(input);
		await nextTurn();
	}
}

for (const [columns, rows] of [[80, 24], [120, 40], [200, 60]] as const) {
	test(`the whole screen at ${columns}x${rows} is shorter than the terminal and never wider`, async t => {
		const {text} = await renderApp(columns, rows);
		const lines = text();
		t.is(lines.length, rows - 1);
		t.true(lines.every(line => line.length <= columns));
		t.regex(lines[0]!, /^wazuh-metrics/);
		t.regex(lines.at(-1)!, /↑↓ select/);
		t.regex(lines.join('\n'), /wazuh-analysisd +2101/);
		t.regex(lines.join('\n'), /[▁▂▃▄▅▆▇█]{5}/, 'a CPU sparkline');
	});
}

test('Down then Enter shows the charts of the selected process; Esc returns', async t => {
	const {text, stdin} = await renderApp(120, 40);
	await type(stdin, '\u001B[B', '\r');
	const detail = await screenWhen(text, lines => lines.join('\n').includes('Memory'));
	t.regex(detail.join('\n'), /wazuh-db {2}PID 2301/);
	t.regex(detail.join('\n'), /CPU %/);
	t.regex(detail.join('\n'), /[┤┼]/);
	t.regex(detail.at(-1)!, /^Esc back/);
	await type(stdin, '\u001B');
	const table = await screenWhen(text, lines => lines[3]!.startsWith('NAME'));
	t.regex(table[3]!, /^NAME/);
});

test('typing a filter narrows the table; Esc clears it', async t => {
	const {text, stdin} = await renderApp(100, 30);
	await type(stdin, '/', 'a', 'p', 'i', 'd');
	const filtered = await screenWhen(text, lines => lines.at(-1)!.startsWith('filter: apid'));
	t.regex(filtered.join('\n'), /wazuh_apid\.py/);
	t.notRegex(filtered.join('\n'), /wazuh-analysisd/);
	await type(stdin, '\r');
	t.regex((await screenWhen(text, lines => lines.at(-1)!.startsWith('filter "apid"'))).at(-1)!, /^filter "apid"/);
	await type(stdin, '\u001B');
	t.regex((await screenWhen(text, lines => lines.join('\n').includes('wazuh-analysisd'))).join('\n'), /wazuh-analysisd/);
});

test('a sort key changes the order', async t => {
	const {text, stdin} = await renderApp(100, 30);
	const daemonOrder = (lines: string[]) => lines.filter(line => /^[ ▾▸] wazuh/.test(line)).map(line => line.slice(2).split(' ')[0]);
	t.is(daemonOrder(text())[0], 'wazuh-analysisd');
	await type(stdin, 'M');
	const sorted = await screenWhen(text, lines => lines[3]!.includes('▼RSS'));
	t.is(daemonOrder(sorted)[0], 'wazuh_apid.py', 'biggest RSS first');
});

test('space pauses the display; history keeps recording', async t => {
	const {text, stdin, store} = await renderApp(100, 30);
	await type(stdin, ' ');
	const paused = await screenWhen(text, lines => lines[1]!.includes('PAUSED'));
	t.regex(paused[1]!, /PAUSED/);
	const clock = paused[0]!.slice(-8);
	store.addSnapshot(fleet(31));
	// Flat mode redraws the table: the frame drawn after the new sample still shows the paused one.
	await type(stdin, 't');
	const flat = await screenWhen(text, lines => lines.some(line => line.startsWith('wazuh-db_child_1')));
	t.is(flat[0]!.slice(-8), clock, 'the clock shows the paused sample');
	await type(stdin, ' ');
	const resumed = await screenWhen(text, lines => !lines[1]!.includes('PAUSED'));
	t.notRegex(resumed[1]!, /PAUSED/);
	t.not(resumed[0]!.slice(-8), clock);
});

test('? shows every key; q quits', async t => {
	const {text, stdin, quits} = await renderApp(100, 30);
	await type(stdin, '?');
	t.regex((await screenWhen(text, lines => lines[3]!.startsWith('Keys'))).join('\n'), /space +pause the display/);
	await type(stdin, 'q');
	await screenWhen(text, () => quits() > 0);
	t.is(quits(), 1);
});

test('the disk panel sits under the table when paths are tracked', async t => {
	const store = fedStore();
	store.addDisk(diskSnapshot(1, [diskSample('/var/ossec/logs/archives/archives.json')]));
	const {text} = await renderApp(120, 40, store, sessionInfo({diskPaths: ['/var/ossec/logs/archives/archives.json']}));
	const lines = text();
	const title = lines.findIndex(line => line.startsWith('FILE'));
	t.true(title > 3);
	t.regex(lines[title + 1]!, /archives\.json/);
	t.is(lines.length, 39);
});

test('a window below 60x15 gets one line saying so', async t => {
	t.deepEqual((await renderApp(59, 20)).text(), ['window too small: 60x15 at least (now 59x20)']);
	t.deepEqual((await renderApp(80, 14)).text(), ['window too small: 60x15 at least (now 80x14)']);
	t.deepEqual((await renderApp(30, 8)).text(), ['window too small: 60x15 at le…'], 'cut, with a mark');
	t.false((await renderApp(60, 15)).text()[0]!.startsWith('window too small'));
});

test('the detail view keeps showing a process that left the list', async t => {
	const store = fedStore();
	const {text, stdin} = await renderApp(100, 30, store);
	await type(stdin, 'G', '\r');
	const detail = await screenWhen(text, lines => lines[3]!.startsWith('wazuh_apid.py_child_2'));
	t.regex(detail[3]!, /wazuh_apid\.py_child_2/);
	store.addSnapshot({...fleet(31), samples: fleet(31).samples.filter(sample => sample.role !== 'wazuh_apid.py_child_2')});
	t.regex((await screenWhen(text, lines => lines[3]!.includes('gone')))[3]!, /wazuh_apid\.py_child_2 {2}gone/);
});

test('the initial state can be given (tests, future options)', t => {
	const store = fedStore();
	const {text} = renderAt(100, <App store={store} info={sessionInfo()} size={fixedSize(100, 30)} onQuit={() => undefined} initialUi={{...initialUiState, help: true}} />);
	t.regex(text()[3]!, /^Keys/);
});
