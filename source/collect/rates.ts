import type {IoCounters} from '../procfs/parse-io.js';
import type {ProcessReading} from '../procfs/process-reader.js';

/** What a rate needs of one reading of a process: the next reading is measured against it. */
export type RateBaseline = {
	/** utime + stime, in clock ticks. */
	readonly cpuTicks: number;
	/** utime alone (user mode), in clock ticks; stime is cpuTicks - userTicks. */
	readonly userTicks: number;
	/** Monotonic ms of the reading. */
	readonly at: number;
	readonly io: IoCounters | undefined;
};

export type Rates = {
	/** % of one core. */
	readonly cpuPercent: number;
	/** Its parts in user and kernel mode, % of one core. */
	readonly cpuUserPercent: number;
	readonly cpuSystemPercent: number;
	/** Bytes per second; undefined without io counters. */
	readonly diskReadSpeed: number | undefined;
	readonly diskWriteSpeed: number | undefined;
};

export type RateContext = {
	/** USER_HZ, the unit of cpuTicks. */
	readonly clockTicksPerSecond: number;
	/** Seconds between samples. */
	readonly interval: number;
	/** Seconds the process has lived; asked only when its lifetime average is reported. */
	readonly lifetime: () => number;
};

export function baselineOf(reading: ProcessReading): RateBaseline {
	return {cpuTicks: reading.stat.utime + reading.stat.stime, userTicks: reading.stat.utime, at: reading.at, io: reading.io};
}

/** Seconds a process has lived, from its start time (clock ticks after boot); never 0, a divisor. */
export function processLifetime(uptimeSeconds: number, startTime: number, clockTicksPerSecond: number): number {
	return Math.max(uptimeSeconds - (startTime / clockTicksPerSecond), 1 / clockTicksPerSecond);
}

/**
 * CPU and disk rates of a process from two readings. Pure: the same readings give the same rates,
 * whatever the clock or the /proc tree they came from.
 */
export function ratesBetween(previous: RateBaseline | undefined, current: RateBaseline, context: RateContext): Rates {
	const {clockTicksPerSecond: hz, interval} = context;
	const {cpuTicks, userTicks, io} = current;
	const elapsed = previous === undefined ? 0 : (current.at - previous.at) / 1000;
	if (previous !== undefined && elapsed >= interval / 2) {
		const percent = (ticks: number): number => Math.max(0, ticks / hz / elapsed * 100);
		const cpu = {
			cpuPercent: percent(cpuTicks - previous.cpuTicks),
			cpuUserPercent: percent(userTicks - previous.userTicks),
			cpuSystemPercent: percent((cpuTicks - userTicks) - (previous.cpuTicks - previous.userTicks)),
		};
		if (io === undefined || previous.io === undefined) {
			return {...cpu, diskReadSpeed: undefined, diskWriteSpeed: undefined};
		}

		return {
			...cpu,
			diskReadSpeed: Math.max(0, (io.readBytes - previous.io.readBytes) / elapsed),
			diskWriteSpeed: Math.max(0, (io.writeBytes - previous.io.writeBytes) / elapsed),
		};
	}

	// Found moments ago (a restart, a new child): a delta over a few ms of 10 ms clock ticks
	// is noise, so report the average over the process's life, which is short and real.
	const lifetime = context.lifetime();
	return {
		cpuPercent: cpuTicks / hz / lifetime * 100,
		cpuUserPercent: userTicks / hz / lifetime * 100,
		cpuSystemPercent: (cpuTicks - userTicks) / hz / lifetime * 100,
		diskReadSpeed: io === undefined ? undefined : io.readBytes / lifetime,
		diskWriteSpeed: io === undefined ? undefined : io.writeBytes / lifetime,
	};
}
