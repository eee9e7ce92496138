import test from 'ava';
import type {RecordedProcess, RecordedSample} from '../source/recording/recording.js';
import {summedSeries} from '../source/report/daemon-series.js';

/* A daemon and its children summed tick by tick: a child that starts late, a duplicate row, a missing value. */

const sample = (time: number, rss: number | undefined, pid = 1): RecordedSample => ({
	time, pid, cpuPercent: 1, vms: undefined, rss, uss: undefined, pss: undefined, swap: undefined, fd: 2, threads: undefined,
	readOps: undefined, writeOps: undefined, diskRead: undefined, diskWritten: undefined, diskReadSpeed: undefined, diskWriteSpeed: undefined,
});
const role = (name: string, childIndex: number, samples: RecordedSample[]): RecordedProcess => ({role: name, daemon: 'd', childIndex, files: [], samples});

test('rows of one tick add up; a late child adds nothing before it starts; of two rows in one tick the later counts; a metric nobody has stays NaN', t => {
	const base = 1_764_000_000_000;
	const series = summedSeries([
		// The Python original's threads write their own second: 10 ms apart still make one tick.
		role('d', 0, [sample(base, 100), sample(base + 1000, 100), sample(base + 2000, 110), sample(base + 3000, 120)]),
		role('d_child_1', 1, [sample(base + 2010, 5, 2), sample(base + 2990, 6, 3), sample(base + 3010, 7, 3)]),
	], 1);
	t.deepEqual([...series.times], [base, base + 1000, base + 2000, base + 3000]);
	// Tick 2: 110 + 5; tick 3: 120 + the child's later row of that tick (7; 6 at +2990 rounds to tick 3 too).
	t.deepEqual([...series.values.rss], [100, 100, 115, 127]);
	t.deepEqual([...series.values.cpuPercent], [1, 1, 2, 2]);
	t.true([...series.values.vms].every(value => Number.isNaN(value)));
});

test('this tool\'s rows: each timestamp is a tick, even two ticks a loaded machine ran closer than the interval', t => {
	const base = 1_764_000_000_000;
	// -s 0.25: the second tick ran late (+380 ms), the third on time (+500 ms), 120 ms after it.
	const roles = [
		role('d', 0, [sample(base, 100), sample(base + 380, 100), sample(base + 500, 100)]),
		role('d_child_1', 1, [sample(base, 10, 2), sample(base + 380, 10, 2), sample(base + 500, 10, 2)]),
	];
	const exact = summedSeries(roles, 0.25, true);
	t.deepEqual([...exact.times], [base, base + 380, base + 500]);
	t.deepEqual([...exact.values.rss], [110, 110, 110], 'never two ticks added into one');
	// Rounded to the interval, +380 and +500 both land on the tick at +500: the sum is off.
	t.notDeepEqual([...summedSeries(roles, 0.25).values.rss], [110, 110, 110]);
});
