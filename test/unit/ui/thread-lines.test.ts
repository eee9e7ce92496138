import test from 'ava';
import type {ThreadSample} from '../../../source/model/snapshot.js';
import {detailLines} from '../../../source/ui/detail-layout.js';
import {type ThreadPanel, threadLines, threadPanelHeight} from '../../../source/ui/thread-lines.js';
import {lineText} from '../../helpers/ui-lines.js';
import {sample} from '../../helpers/ui-snapshots.js';

/*
 * The detail view's thread panel: the CPU split into user and system, the threads busiest first
 * (as the model orders them) in as many columns as fit, what is left out counted, and a line
 * instead of the list when there is none (a replay, the first tick, a process gone). Plain ASCII.
 */

const process = sample('wazuh-analysisd', {pid: 700, cpuPercent: 143.24, cpuUserPercent: 120.1, cpuSystemPercent: 23.14});
const thread = (tid: number, name: string, cpuPercent: number | undefined, state = 'S'): ThreadSample => ({tid, name, state, cpuPercent});
const texts = (panel: ThreadPanel, width: number, height: number) => threadLines(panel, width, height).map(line => lineText(line));

test('the heading splits the CPU into user and system; the threads follow in order with TID, name, state and CPU %', t => {
	const threads = [thread(712, 'busy worker', 98.5, 'R'), thread(700, 'wazuh-analysisd', 1), thread(713, 'new', undefined)];
	const lines = texts({sample: process, threads: {pid: 700, threads}}, 80, 10);
	t.deepEqual(lines.map(line => line.trimEnd()), [
		'CPU 143 %  user 120  sys 23.1   3 threads, busiest first',
		'    TID NAME            S  CPU %',
		'    712 busy worker     R   98.5',
		'    700 wazuh-analysisd S    1.0',
		'    713 new             S      -',
	]);
	t.true(lines.every(line => line.length === 80));
});

test('as many threads as fit, column by column; the last place counts the others', t => {
	const threads = Array.from({length: 30}, (_, index) => thread(1000 + index, `worker-${index}`, 30 - index));
	// 80 columns hold two lists side by side; 5 lines leave 3 rows under the headings: 6 places.
	const lines = texts({sample: process, threads: {pid: 700, threads}}, 80, 5);
	t.is(lines.length, 5);
	t.regex(lines[1]!, /^ {4}TID NAME {12}S {2}CPU % {7}TID NAME {12}S {2}CPU % *$/);
	t.deepEqual(lines.slice(2).map(line => line.trimEnd()), [
		'   1000 worker-0        S   30.0      1003 worker-3        S   27.0',
		'   1001 worker-1        S   29.0      1004 worker-4        S   26.0',
		'   1002 worker-2        S   28.0   +25 more threads',
	]);
	// All of them fit: no count, and only the rows they need.
	t.is(texts({sample: process, threads: {pid: 700, threads: threads.slice(0, 6)}}, 80, 5).length, 5);
	t.is(texts({sample: process, threads: {pid: 700, threads: threads.slice(0, 2)}}, 80, 5).length, 4);
	t.false(texts({sample: process, threads: {pid: 700, threads: threads.slice(0, 6)}}, 80, 5).join('\n').includes('more'));
	// 200 columns: five lists of ten.
	const many = Array.from({length: 60}, (_, index) => thread(2000 + index, `worker-${index}`, 60 - index));
	const wide = texts({sample: process, threads: {pid: 700, threads: many}}, 200, 12);
	t.is(wide[1]!.match(/TID/g)?.length, 5);
	t.is(wide.at(-1)!.match(/\d+ worker-\d+/g)?.length, 4);
	t.true(wide.at(-1)!.trimEnd().endsWith('+11 more threads'));
	t.true(wide[2]!.startsWith('   2000 worker-0 ') && wide[2]!.includes('   2010 worker-10 '), 'column by column');
});

test('one line instead of the list: a replay, the first tick of a process, a process gone', t => {
	t.deepEqual(texts({sample: sample('wazuh-db', {cpuPercent: 12, cpuUserPercent: undefined, cpuSystemPercent: undefined}), threads: 'live only'}, 60, 8).map(line => line.trimEnd()), ['CPU 12.0 %   threads: live only']);
	t.deepEqual(texts({sample: process, threads: undefined}, 80, 8).map(line => line.trimEnd()), ['CPU 143 %  user 120  sys 23.1   threads: reading...']);
	t.deepEqual(texts({sample: process, threads: {pid: 699, threads: [thread(699, 'old', 5)]}}, 80, 8).map(line => line.trimEnd()), ['CPU 143 %  user 120  sys 23.1   threads: reading...'], 'another process\'s list');
	t.deepEqual(texts({sample: undefined, threads: undefined}, 80, 8).map(line => line.trimEnd()), ['CPU - %   threads: not running']);
});

test('plain ASCII, exact widths, and names that could break a line made safe', t => {
	const threads = [thread(5, 'tab\there\u001B[2J', 1), thread(6, 'wide 漢字 name', 2)];
	for (const width of [20, 33, 80, 131]) {
		for (const line of texts({sample: process, threads: {pid: 700, threads: [...threads, ...Array.from({length: 40}, (_, index) => thread(100 + index, 'x', 0))]}}, width, 9)) {
			t.is(line.length, width);
			t.regex(line, /^[\u0020-\u007E…]*$/, line); // the cut mark alone, which the ASCII screen turns into `~`
		}
	}
});

test('the detail view keeps a third of its body for the panel, under the charts', t => {
	t.deepEqual([8, 9, 16, 30, 53].map(body => threadPanelHeight(body)), [1, 3, 5, 10, 17]);
	const threads = Array.from({length: 12}, (_, index) => thread(800 + index, `w${index}`, index));
	const lines = detailLines({
		role: 'wazuh-analysisd',
		row: undefined,
		series: () => new Float64Array(10).fill(1),
		interval: 1,
		threads: {sample: process, threads: {pid: 700, threads}},
		width: 80,
		height: 18,
	}).map(line => lineText(line));
	t.is(lines.length, 18);
	t.true(lines[13]!.startsWith('CPU 143 %  user 120  sys 23.1   12 threads'), lines.join('\n'));
	t.true(lines.at(-1)!.includes('+'), 'the panel is the last 5 lines: 6 places for 12 threads');
});
