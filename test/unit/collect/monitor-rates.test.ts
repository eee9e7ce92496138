import test from 'ava';
import {processLifetime, type RateBaseline, ratesBetween} from '../../../source/collect/rates.js';

const io = (readBytes: number, writeBytes: number) => ({syscr: 0, syscw: 0, readBytes, writeBytes});
/** A reading whose CPU time is all in user mode unless `userTicks` says otherwise. */
const reading = (cpuTicks: number, at: number, counters = io(0, 0), userTicks = cpuTicks): RateBaseline => ({cpuTicks, userTicks, at, io: counters});
/** The CPU % of a process whose CPU time is all in user mode, as ratesBetween gives it. */
const userCpu = (cpuPercent: number) => ({cpuPercent, cpuUserPercent: cpuPercent, cpuSystemPercent: 0});
const context = (lifetime = 1000) => ({clockTicksPerSecond: 100, interval: 1, lifetime: () => lifetime});

test('CPU % and disk speeds are the deltas over the time between the readings', t => {
	// 150 ticks of 10 ms in 2 s: 75% of a core; 1 MiB read and 3 MiB written in 2 s.
	const rates = ratesBetween(reading(1000, 5000, io(0, 1024)), reading(1150, 7000, io(1024 * 1024, (3 * 1024 * 1024) + 1024)), context());
	t.deepEqual(rates, {...userCpu(75), diskReadSpeed: 512 * 1024, diskWriteSpeed: 1.5 * 1024 * 1024});
	t.is(ratesBetween(reading(0, 0), reading(250, 1000), {...context(), clockTicksPerSecond: 250}).cpuPercent, 100, 'in the given clock ticks');
});

test('half an interval is enough for a delta; less gives the average over the process\'s life', t => {
	let asked = 0;
	const lifetime = () => {
		asked++;
		return 4;
	};

	const previous = reading(100, 10_000, io(4000, 0));
	t.is(ratesBetween(previous, reading(110, 10_500, io(4000, 0)), {clockTicksPerSecond: 100, interval: 1, lifetime}).cpuPercent, 20);
	t.is(asked, 0, 'the lifetime is read only when needed');
	// 10 ms after the baseline (found moments ago): 120 ticks over 4 s of life is 30%.
	const early = ratesBetween(previous, reading(120, 10_010, io(8000, 2000)), {clockTicksPerSecond: 100, interval: 1, lifetime});
	t.deepEqual(early, {...userCpu(30), diskReadSpeed: 2000, diskWriteSpeed: 500});
	t.is(asked, 1);
	t.deepEqual(ratesBetween(undefined, reading(40, 0, io(100, 0)), context(2)), {...userCpu(20), diskReadSpeed: 50, diskWriteSpeed: 0}, 'no baseline at all');
});

test('no io counters, no speeds; counters that went back give 0, not a negative rate', t => {
	const noIo = {cpuTicks: 50, userTicks: 50, at: 1000, io: undefined};
	t.deepEqual(ratesBetween(noIo, {...noIo, cpuTicks: 60, userTicks: 60, at: 2000}, context()), {...userCpu(10), diskReadSpeed: undefined, diskWriteSpeed: undefined});
	t.deepEqual(ratesBetween(reading(50, 1000, io(9, 9)), {...noIo, at: 2000}, context()), {...userCpu(0), diskReadSpeed: undefined, diskWriteSpeed: undefined});
	t.deepEqual(ratesBetween(reading(50, 1000, io(9000, 9000)), reading(40, 2000, io(0, 10_000)), context()), {...userCpu(0), diskReadSpeed: 0, diskWriteSpeed: 1000});
	t.deepEqual(ratesBetween(undefined, noIo, context(5)), {...userCpu(10), diskReadSpeed: undefined, diskWriteSpeed: undefined});
});

test('user and system CPU % are the two parts of the CPU %, over the interval or the process\'s life', t => {
	// 150 ticks in 2 s, 120 of them in user mode: 75 % = 60 % user + 15 % system.
	const rates = ratesBetween(reading(1000, 5000, io(0, 0), 800), reading(1150, 7000, io(0, 0), 920), context());
	t.deepEqual([rates.cpuPercent, rates.cpuUserPercent, rates.cpuSystemPercent], [75, 60, 15]);
	// Found moments ago: 40 ticks over 2 s of life, 10 of them in user mode.
	const early = ratesBetween(undefined, reading(40, 0, io(0, 0), 10), context(2));
	t.deepEqual([early.cpuPercent, early.cpuUserPercent, early.cpuSystemPercent], [20, 5, 15]);
	// A part never goes below 0 (counters read a tick apart are never lower, but a sum of rounded parts could be).
	const back = ratesBetween(reading(100, 0, io(0, 0), 60), reading(100, 1000, io(0, 0), 50), context());
	t.deepEqual([back.cpuUserPercent, back.cpuSystemPercent], [0, 10]);
});

test('a process\'s lifetime is uptime less its start, never under one clock tick', t => {
	t.is(processLifetime(1000, 95_000, 100), 50);
	t.is(processLifetime(1000, 100_000, 100), 0.01, 'started this very tick');
	t.is(processLifetime(999.99, 100_000, 100), 0.01, 'uptime read before the start time was');
});
