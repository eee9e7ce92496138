import test from 'ava';
import type {RecordedProcess, RecordedSample, RecordingFormat} from '../../../source/reader/recording.js';
import {assignTicks} from '../../../source/reader/ticks.js';
import {summedSeries} from '../../../source/report/daemon-series.js';
import {processFromSamples} from '../../helpers/recorded.js';

/*
 * A daemon and its children summed tick by tick (the ticks of `assignTicks`, which replay shares): a
 * child that starts late, a duplicate row, a missing value, this tool's exact ticks, and the
 * foreign writers' skipped second.
 */

const sample = (time: number, rss: number | undefined, pid = 1): RecordedSample => ({
	time, pid, cpuPercent: 1, vms: undefined, rss, uss: undefined, pss: undefined, swap: undefined, fd: 2, threads: undefined,
	readOps: undefined, writeOps: undefined, diskRead: undefined, diskWritten: undefined, diskReadSpeed: undefined, diskWriteSpeed: undefined,
});
const role = (name: string, childIndex: number, samples: RecordedSample[]): RecordedProcess => processFromSamples(name, 'd', childIndex, samples);
const summed = (roles: RecordedProcess[], format: RecordingFormat, interval: number) => {
	const ticks = assignTicks(roles, format, interval);
	return summedSeries(roles, ticks.rows, ticks.times);
};
const base = 1_764_000_000_000;

test('rows of one tick add up; a late child adds nothing before it starts; of two rows in one tick the later counts; a metric nobody has stays NaN', t => {
	const series = summed([
		// The Python original's threads write their own second: 10 ms apart still make one tick.
		role('d', 0, [sample(base, 100), sample(base + 1000, 100), sample(base + 2000, 110), sample(base + 3000, 120)]),
		role('d_child_1', 1, [sample(base + 2010, 5, 2), sample(base + 2990, 6, 3), sample(base + 3010, 7, 3)]),
	], 'python-original', 1);
	t.deepEqual([...series.times], [base, base + 1000, base + 2000, base + 3000]);
	// Tick 2: 110 + 5; tick 3: 120 + the child's later row of that tick (7; 6 at +2990 rounds to tick 3 too).
	t.deepEqual([...series.values.rss], [100, 100, 115, 127]);
	t.deepEqual([...series.values.cpuPercent], [1, 1, 2, 2]);
	t.true([...series.values.vms].every(value => Number.isNaN(value)));
});

test('this tool\'s rows: each timestamp is a tick, even two ticks a loaded machine ran closer than the interval', t => {
	// -s 0.25: the second tick ran late (+380 ms), the third on time (+500 ms), 120 ms after it.
	const roles = [
		role('d', 0, [sample(base, 100), sample(base + 380, 100), sample(base + 500, 100)]),
		role('d_child_1', 1, [sample(base, 10, 2), sample(base + 380, 10, 2), sample(base + 500, 10, 2)]),
	];
	const exact = summed(roles, 'wazuh-metrics', 0.25);
	t.deepEqual([...exact.times], [base, base + 380, base + 500]);
	t.deepEqual([...exact.values.rss], [110, 110, 110], 'never two ticks added into one');
	// Rounded to the interval, +380 and +500 both land on the tick at +500: the sum is off.
	t.notDeepEqual([...summed(roles, 'python-original', 0.25).values.rss], [110, 110, 110]);
});

test('a foreign writer\'s skipped second: the child is carried over the hole, so the daemon\'s sum does not dip; a restart or a real gap is not filled', t => {
	// monitor.py: each process in its own loop, a little slower than 1 s, time cut to the second.
	// The child's clock skips second 3 (its row of "second 3" is written at 4.0x s and says 4).
	const seconds = (list: number[], rss: number, pid = 1) => list.map(second => sample(base + (second * 1000), rss, pid));
	const daemon = role('d', 0, seconds([0, 1, 2, 3, 4, 5, 6, 7, 8], 100));
	const child = role('d_child_1', 1, [...seconds([0, 1, 2], 10, 2), ...seconds([4, 5], 10, 2), ...seconds([6], 10, 3), ...seconds([8], 10, 3)]);
	const series = summed([daemon, child], 'wazuh5-monitor', 1);
	t.deepEqual([...series.times].map(time => (time - base) / 1000), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
	// Seconds 3 and 7: carried (same PID on both sides, 2 s apart: one interval plus the second a
	// timestamp cannot tell). The child's new PID at 6 is a restart, but 6 and 8 share it.
	t.deepEqual([...series.values.rss], [110, 110, 110, 110, 110, 110, 110, 110, 110]);
	const restarted = role('d_child_1', 1, [...seconds([0, 1, 2], 10, 2), ...seconds([4, 5], 10, 3)]);
	t.deepEqual([...summed([daemon, restarted], 'wazuh5-monitor', 1).values.rss].slice(0, 6), [110, 110, 110, 100, 110, 110], 'a new PID after the hole: the old process was not there');
	const gap = role('d_child_1', 1, [...seconds([0, 1], 10, 2), ...seconds([4, 5], 10, 2)]);
	t.deepEqual([...summed([daemon, gap], 'wazuh5-monitor', 1).values.rss].slice(0, 6), [110, 110, 100, 100, 110, 110], 'two seconds missing: a real gap, left empty');
	// This tool's ticks are exact: a missing row is a tick the process was not read in, never filled.
	t.deepEqual([...summed([daemon, child], 'wazuh-metrics', 1).values.rss].slice(0, 5), [110, 110, 110, 100, 110]);
});
