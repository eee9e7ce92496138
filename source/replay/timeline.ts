import type {RecordedSample, Recording} from '../recording/recording.js';
import type {DaemonState, DiskSnapshot, ProcessSample, Snapshot} from '../monitor/snapshot.js';
import {formatTimestamp} from '../monitor/timestamp.js';

/**
 * A recording as the ticks the live view would have seen: `snapshotAt(i)` rebuilds the very
 * `Snapshot` type the collector emits, so replay shows the same table, tree, charts and totals.
 * Pure: everything is computed from the recording once.
 */
export type Timeline = {
	/** Wall-clock ms of each tick, ascending. */
	readonly times: readonly number[];
	readonly interval: number;
	snapshotAt(index: number): Snapshot;
	diskAt(index: number): DiskSnapshot | undefined;
	/** Index of the last tick at or before `time` (the first when before the start). */
	indexAt(time: number): number;
};

/**
 * Rows are grouped into ticks by their time, rounded to the recorded interval from the first row:
 * this tool's rows of one tick share a timestamp, and Wazuh 5's monitor (one loop per process)
 * writes each process's row a little apart.
 */
export function buildTimeline(recording: Recording): Timeline {
	const step = recording.interval * 1000;
	const all = recording.processes.flatMap(process => process.samples.map(sample => sample.time));
	// Each process's samples are sorted: the earliest row is one of their first ones.
	const firsts = recording.processes.flatMap(process => (process.samples.length > 0 ? [process.samples[0]!.time] : []));
	const start = firsts.length === 0 ? 0 : Math.min(...firsts);
	const bucketOf = (time: number): number => Math.round((time - start) / step);
	const buckets = [...new Set(all.map(time => bucketOf(time)))].sort((a, b) => a - b);
	const indexOfBucket = new Map(buckets.map((bucket, index) => [bucket, index]));
	const times = buckets.map(bucket => start + (bucket * step));
	// Each process's sample per tick index.
	const byTick = recording.processes.map(process => {
		const samples = new Map<number, RecordedSample>();
		for (const sample of process.samples) {
			samples.set(indexOfBucket.get(bucketOf(sample.time))!, sample);
		}

		return {process, samples};
	});
	// A daemon restarted at a tick where its own process's PID differs from the last one seen.
	const daemonNames = [...new Set(recording.processes.map(process => process.daemon))].sort();
	const restarts = new Map<string, {restartedAt: Set<number>; countBefore: number[]}>();
	for (const daemon of daemonNames) {
		const own = byTick.find(({process}) => process.role === daemon && process.childIndex === 0);
		const restartedAt = new Set<number>();
		const countBefore: number[] = [];
		let last: number | undefined;
		let count = 0;
		for (let index = 0; index < times.length; index++) {
			const pid = own?.samples.get(index)?.pid;
			if (pid !== undefined && last !== undefined && pid !== last) {
				restartedAt.add(index);
				count++;
			}

			if (pid !== undefined) {
				last = pid;
			}

			countBefore.push(count);
		}

		restarts.set(daemon, {restartedAt, countBefore});
	}

	const milliseconds = recording.interval < 1;
	const snapshotAt = (index: number): Snapshot => {
		const time = times[index]!;
		const samples: ProcessSample[] = [];
		for (const {process, samples: ticks} of byTick) {
			const sample = ticks.get(index);
			if (sample !== undefined) {
				samples.push(processSample(process.role, process.daemon, process.childIndex, sample));
			}
		}

		const daemons: DaemonState[] = daemonNames.map(name => {
			const own = samples.find(sample => sample.daemon === name && sample.childIndex === 0);
			const history = restarts.get(name)!;
			return {
				name,
				argument: name,
				status: own === undefined ? 'down' : (history.restartedAt.has(index) ? 'restarted' : 'running'),
				pid: own?.pid,
				restarts: history.countBefore[index]!,
				failedChecks: 0,
				unreadable: [],
			};
		});
		return {
			tick: index + 1,
			time,
			timestamp: formatTimestamp(time, milliseconds),
			interval: recording.interval,
			version: recording.version ?? '',
			samples,
			daemons,
			sampleSeconds: 0,
		};
	};

	const diskAt = (index: number): DiskSnapshot | undefined => {
		if (recording.disk.length === 0) {
			return undefined;
		}

		const time = times[index]!;
		const samples = recording.disk.map(path => {
			// The last size recorded at or before this tick (binary search: refills ask thousands).
			let low = 0;
			let high = path.samples.length;
			while (low < high) {
				const middle = (low + high) >>> 1;
				if (path.samples[middle]!.time <= time + (step / 2)) {
					low = middle + 1;
				} else {
					high = middle;
				}
			}

			const latest = low > 0 ? path.samples[low - 1] : undefined;

			return {
				file: path.file,
				path: path.path,
				exists: latest?.size !== undefined,
				size: latest?.size,
				usagePercent: latest?.usagePercent,
				mtime: undefined,
				atime: undefined,
				ctime: undefined,
				isDirectory: false,
				problem: undefined,
			};
		});
		return {tick: index + 1, time, timestamp: formatTimestamp(time, milliseconds), samples};
	};

	const indexAt = (time: number): number => {
		let low = 0;
		let high = times.length - 1;
		while (low < high) {
			const middle = Math.ceil((low + high) / 2);
			if (times[middle]! <= time) {
				low = middle;
			} else {
				high = middle - 1;
			}
		}

		return Math.max(0, low);
	};

	return {times, interval: recording.interval, snapshotAt, diskAt, indexAt};
}

function processSample(role: string, daemon: string, childIndex: number, sample: RecordedSample): ProcessSample {
	return {
		name: role,
		daemon,
		childIndex,
		pid: sample.pid,
		ppid: 0,
		// The recording keeps no comm: the daemon's name, cut like the kernel's 15 characters.
		comm: daemon.slice(0, 15),
		cpuPercent: sample.cpuPercent,
		vms: sample.vms,
		rss: sample.rss,
		uss: sample.uss,
		pss: sample.pss,
		swap: sample.swap,
		fd: sample.fd,
		readOps: sample.readOps,
		writeOps: sample.writeOps,
		diskRead: sample.diskRead,
		diskWritten: sample.diskWritten,
		diskReadSpeed: sample.diskReadSpeed,
		diskWriteSpeed: sample.diskWriteSpeed,
		threads: sample.threads ?? 0,
		cpuUserSeconds: 0,
		cpuSystemSeconds: 0,
		startTime: undefined,
	};
}
