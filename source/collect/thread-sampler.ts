import {TaskReader} from '../procfs/task-reader.js';
import type {ThreadList, ThreadSample} from '../model/snapshot.js';
import {compareThreads} from '../model/threads.js';

export type ThreadSamplerOptions = {
	readonly procRoot?: string;
	/** USER_HZ, the unit of utime and stime. */
	readonly clockTicksPerSecond: number;
	/** Seconds between ticks: a rate over less than half of it is not given (as for processes). */
	readonly interval: number;
	/** Monotonic ms of each reading. */
	readonly monotonic: () => number;
};

/** What a thread's next rate is measured against. */
type ThreadBaseline = {readonly startTime: number; readonly cpuTicks: number; readonly at: number};

/**
 * The threads of one process at a time (the one the detail view shows: reading every thread of every
 * process each tick would cost too much), with each thread's CPU % since the previous tick. A thread
 * seen for the first time (new, or the process just chosen) has no rate yet; a thread gone is
 * forgotten. Choosing another process, or the same PID with another start time (a restart), starts
 * over.
 */
export class ThreadSampler {
	private reader: TaskReader | undefined;
	private startTime: number | undefined;
	private baselines = new Map<number, ThreadBaseline>();

	constructor(private readonly options: ThreadSamplerOptions) {}

	/**
	 * The threads of `pid` now, busiest first; undefined when the process is gone or is no longer
	 * the one started at `startTime` (clock ticks after boot, as /proc/PID/stat has it).
	 */
	sample(pid: number, startTime: number): ThreadList | undefined {
		if (this.reader?.pid !== pid || this.startTime !== startTime) {
			this.stop();
			this.reader = new TaskReader(pid, this.options.procRoot);
			this.startTime = startTime;
		}

		const at = this.options.monotonic();
		const readings = this.reader.read();
		// The main thread (TID = PID) tells the process: a PID reused since it was chosen is not it.
		const leader = readings?.find(reading => reading.tid === pid);
		if (readings === undefined || (leader !== undefined && leader.stat.startTime !== startTime)) {
			this.stop();
			return undefined;
		}

		const {clockTicksPerSecond: hz, interval} = this.options;
		const baselines = new Map<number, ThreadBaseline>();
		const threads: ThreadSample[] = [];
		for (const {tid, stat} of readings) {
			const current = {startTime: stat.startTime, cpuTicks: stat.utime + stat.stime, at};
			const previous = this.baselines.get(tid);
			const elapsed = previous === undefined ? 0 : (at - previous.at) / 1000;
			// Another thread under a reused TID has another start time: first seen, no rate.
			const cpuPercent = previous !== undefined && previous.startTime === current.startTime && elapsed >= interval / 2
				? Math.max(0, (current.cpuTicks - previous.cpuTicks) / hz / elapsed * 100)
				: undefined;
			baselines.set(tid, current);
			threads.push(Object.freeze({tid, name: stat.comm, state: stat.state, cpuPercent}));
		}

		this.baselines = baselines;
		threads.sort(compareThreads);
		return Object.freeze({pid, threads: Object.freeze(threads)});
	}

	/** Forgets the process and closes its files. */
	stop(): void {
		this.reader?.close();
		this.reader = undefined;
		this.startTime = undefined;
		this.baselines = new Map();
	}
}
