/**
 * Where the monitor takes its time from. Injectable so that tests and replays can run the
 * collector on a clock they move by hand; the default is the system's.
 */
export type MonitorClock = {
	/** Wall-clock ms since the epoch: the time of a snapshot. */
	now(): number;
	/** Monotonic ms: the time of a reading (rates divide by its differences) and the health-check schedule. */
	monotonic(): number;
};

export const systemClock: MonitorClock = {
	now: () => Date.now(),
	monotonic: () => performance.now(),
};
