import type {DiskSample, DiskSnapshot, ProcessSample, Snapshot} from '../../source/model/snapshot.js';
import {formatTimestamp} from '../../source/model/timestamp.js';

/** A process sample with plausible values; override what the test is about. */
export function processSample(overrides: Partial<ProcessSample> = {}): ProcessSample {
	const name = overrides.role ?? 'wazuh-analysisd';
	const child = /_child_(\d+)$/.exec(name);
	return {
		role: name,
		daemon: child ? name.slice(0, child.index) : name,
		childIndex: child ? Number(child[1]) : 0,
		pid: 1000,
		ppid: 1,
		comm: name.slice(0, 15),
		cpuPercent: 12.5,
		cpuUserPercent: 10,
		cpuSystemPercent: 2.5,
		vms: 200 * 1024 * 1024,
		rss: 20 * 1024 * 1024,
		uss: 15 * 1024 * 1024,
		pss: 16 * 1024 * 1024,
		swap: 0,
		fd: 42,
		threads: 3,
		readOps: 100,
		writeOps: 200,
		diskRead: 4096,
		diskWritten: 8192,
		diskReadSpeed: 1024,
		diskWriteSpeed: 2048,
		cpuUserSeconds: 12.34,
		cpuSystemSeconds: 5.67,
		startTime: 1_735_689_600,
		...overrides,
	};
}

/** A snapshot of `samples` at `time` (ms since the epoch), timestamp formatted like the collector's. */
export function snapshot(samples: readonly ProcessSample[], options: {tick?: number; time?: number; version?: string} = {}): Snapshot {
	const time = options.time ?? Date.UTC(2024, 0, 2, 3, 4, 5);
	return {
		tick: options.tick ?? 1,
		time,
		timestamp: formatTimestamp(time),
		interval: 1,
		wazuhVersion: options.version ?? '4.9.0',
		samples,
		daemons: [],
		sampleSeconds: 0.002,
	};
}

/** A disk sample of an existing file; override what the test is about. */
export function diskSample(overrides: Partial<DiskSample> & {path: string}): DiskSample {
	const basename = overrides.path.split('/').pop() ?? '';
	return {
		file: basename,
		exists: true,
		size: 1024 ** 3,
		usagePercent: 2,
		mtime: Date.UTC(2024, 0, 2, 3, 0, 0),
		atime: Date.UTC(2024, 0, 2, 3, 1, 0),
		ctime: Date.UTC(2024, 0, 2, 3, 2, 0),
		isDirectory: false,
		problem: undefined,
		...overrides,
	};
}

export function diskSnapshot(samples: readonly DiskSample[], options: {tick?: number; time?: number} = {}): DiskSnapshot {
	const time = options.time ?? Date.UTC(2024, 0, 2, 3, 4, 5);
	return {tick: options.tick ?? 1, time, timestamp: formatTimestamp(time), samples};
}
