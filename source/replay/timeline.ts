import type {RecordedProcess, Recording} from '../reader/recording.js';
import {TickAssigner} from '../reader/ticks.js';
import type {DaemonStats, StatsSnapshot} from '../model/daemon-stats.js';
import type {DaemonState, DiskSnapshot, ProcessSample, Snapshot} from '../model/snapshot.js';
import {formatTimestamp} from '../model/timestamp.js';

/**
 * A recording as the ticks the live view would have seen: `snapshotAt(i)` rebuilds the very
 * `Snapshot` type the collector emits, so replay shows the same table, tree, charts and totals.
 * `update` takes a newer read of the same folder (one being recorded): ticks are added at the end.
 */
export type Timeline = {
	/** Wall-clock ms of each tick, ascending. */
	readonly times: Float64Array;
	readonly interval: number;
	snapshotAt(index: number): Snapshot;
	diskAt(index: number): DiskSnapshot | undefined;
	/** The daemons' statistics at a tick: each daemon's last row at or before its time; undefined when none has one yet. */
	/**
	 * The daemons' statistics in effect at tick `index`: each daemon's last row at or before it, or
	 * (`back` > 0) the row that many before that one.
	 */
	statsAt(index: number, back?: number): StatsSnapshot | undefined;
	/** Index of the last tick at or before `time` (the first when before the start). */
	indexAt(time: number): number;
	/** Takes a newer read of the folder; true when a tick was added or changed. */
	update(recording: Recording): boolean;
};

/** The recording's ticks (`TickAssigner`, shared with `report`), each rebuilt as the collector's snapshot. */
export function buildTimeline(first: Recording): Timeline {
	const assigner = new TickAssigner(first.format, first.interval);
	let recording = first;
	let times: Float64Array = new Float64Array(0);
	let byTick: Array<{process: RecordedProcess; rows: Int32Array}> = [];
	let daemonNames: string[] = [];
	const restarts = new Map<string, {restartedAt: Set<number>; countBefore: Int32Array}>();
	const owners = new Map<string, {process: RecordedProcess; rows: Int32Array}>();

	const update = (next: Recording): boolean => {
		recording = next;
		const changed = assigner.update(next.processes);
		const ticks = assigner.ticks(next.processes);
		times = ticks.times;
		byTick = next.processes.map((process, index) => ({process, rows: ticks.rows[index]!}));
		daemonNames = [...new Set(next.processes.map(process => process.daemon))].sort();
		// A daemon restarted at a tick where its own process's PID differs from the last one seen.
		// Over every tick again: an Int32Array walk per daemon, a few ms for 8 hours.
		restarts.clear();
		owners.clear();
		for (const daemon of daemonNames) {
			const own = byTick.find(({process}) => process.role === daemon && process.childIndex === 0);
			if (own !== undefined) {
				owners.set(daemon, own);
			}

			const restartedAt = new Set<number>();
			const countBefore = new Int32Array(times.length);
			let last: number | undefined;
			let count = 0;
			for (let index = 0; index < times.length; index++) {
				const row = own?.rows[index] ?? -1;
				const pid = row >= 0 ? own!.process.pids[row] : undefined;
				if (pid !== undefined && last !== undefined && pid !== last) {
					restartedAt.add(index);
					count++;
				}

				if (pid !== undefined) {
					last = pid;
				}

				countBefore[index] = count;
			}

			restarts.set(daemon, {restartedAt, countBefore});
		}

		return changed;
	};

	update(first);

	// A replay's jump rebuilds up to an hour of snapshots at once: these are built straight from the
	// columns, and each daemon's own process is found once per update, not per tick.
	const snapshotAt = (index: number): Snapshot => {
		const time = times[index]!;
		const milliseconds = recording.interval < 1;
		const samples: ProcessSample[] = [];
		for (const {process, rows} of byTick) {
			const row = rows[index]!;
			if (row >= 0) {
				samples.push(processSample(process, row));
			}
		}

		const daemons: DaemonState[] = daemonNames.map(name => {
			const own = owners.get(name);
			const row = own === undefined ? -1 : own.rows[index]!;
			const history = restarts.get(name)!;
			return {
				name,
				argument: name,
				status: row < 0 ? 'down' : (history.restartedAt.has(index) ? 'restarted' : 'running'),
				pid: row < 0 ? undefined : own!.process.pids[row],
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
			wazuhVersion: recording.wazuhVersion ?? '',
			samples,
			daemons,
			sampleSeconds: 0,
		};
	};

	const diskAt = (index: number): DiskSnapshot | undefined => {
		if (recording.disk.length === 0) {
			return undefined;
		}

		const step = recording.interval * 1000;
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
		return {tick: index + 1, time, timestamp: formatTimestamp(time, recording.interval < 1), samples};
	};

	const statsAt = (index: number, back = 0): StatsSnapshot | undefined => {
		const time = times[index]!;
		const daemons: DaemonStats[] = [];
		for (const entry of recording.stats ?? []) {
			const row = entry.rows[lastAtOrBefore(entry.rows, time) - 1 - back];
			if (row !== undefined) {
				daemons.push(row);
			}
		}

		return daemons.length === 0 ? undefined : {round: index + 1, time, daemons};
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

	return {
		get times() {
			return times;
		},
		get interval() {
			return recording.interval;
		},
		snapshotAt,
		diskAt,
		statsAt,
		indexAt,
		update,
	};
}

/** The last row whose daemon time is at or before `time` (binary search: refills ask thousands). */
/** How many rows are at or before `time` (the rows are sorted by the daemon's time). */
function lastAtOrBefore(rows: readonly DaemonStats[], time: number): number {
	let low = 0;
	let high = rows.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((rows[middle]!.time ?? Number.NEGATIVE_INFINITY) <= time) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return low;
}

/** A value of the recording as a sample holds it: undefined where nothing was recorded. */
const value = (column: Float64Array, row: number): number | undefined => {
	const number = column[row]!;
	return Number.isNaN(number) ? undefined : number;
};

function processSample(process: RecordedProcess, row: number): ProcessSample {
	const {values} = process;
	return {
		role: process.role,
		daemon: process.daemon,
		childIndex: process.childIndex,
		pid: process.pids[row]!,
		ppid: 0,
		// The recording keeps no comm: the daemon's name, cut like the kernel's 15 characters.
		comm: process.daemon.slice(0, 15),
		cpuPercent: value(values.cpuPercent, row),
		// Recordings keep CPU % only, not its user and kernel parts.
		cpuUserPercent: undefined,
		cpuSystemPercent: undefined,
		vms: value(values.vms, row),
		rss: value(values.rss, row),
		uss: value(values.uss, row),
		pss: value(values.pss, row),
		swap: value(values.swap, row),
		fd: value(values.fd, row),
		readOps: value(values.readOps, row),
		writeOps: value(values.writeOps, row),
		diskRead: value(values.diskRead, row),
		diskWritten: value(values.diskWritten, row),
		diskReadSpeed: value(values.diskReadSpeed, row),
		diskWriteSpeed: value(values.diskWriteSpeed, row),
		threads: value(values.threads, row) ?? 0,
		cpuUserSeconds: 0,
		cpuSystemSeconds: 0,
		startTime: undefined,
	};
}
