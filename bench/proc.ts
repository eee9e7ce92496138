/**
 * The few /proc facts the benchmark needs about processes it did not write: whose child is whom,
 * how much CPU a process has used, and its peak memory.
 */
import fs from 'node:fs';
import {isDead, parseStat, type ProcStat} from '../source/procfs/parse-stat.js';
import {clockTicksPerSecond} from '../source/procfs/system.js';

export function readStat(pid: number): ProcStat | undefined {
	try {
		const stat = parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
		return stat === undefined || isDead(stat) ? undefined : stat;
	} catch {
		return undefined;
	}
}

/** Every live process. */
export function allProcesses(): ProcStat[] {
	const stats: ProcStat[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			const stat = readStat(Number(entry));
			if (stat !== undefined) {
				stats.push(stat);
			}
		}
	}

	return stats;
}

export function processCount(): number {
	return fs.readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).length;
}

/** PIDs of every descendant of each root, in PID order (roots not included). */
export function descendantsOf(roots: readonly number[]): Map<number, number[]> {
	const childrenOf = new Map<number, number[]>();
	for (const stat of allProcesses()) {
		const siblings = childrenOf.get(stat.ppid) ?? [];
		siblings.push(stat.pid);
		childrenOf.set(stat.ppid, siblings);
	}

	const result = new Map<number, number[]>();
	for (const root of roots) {
		const found: number[] = [];
		const queue = [...(childrenOf.get(root) ?? [])];
		while (queue.length > 0) {
			const pid = queue.shift()!;
			found.push(pid);
			queue.push(...(childrenOf.get(pid) ?? []));
		}

		result.set(root, found.sort((a, b) => a - b));
	}

	return result;
}

/** CPU time (user + system, every thread, dead threads included) in seconds. */
export function cpuSeconds(pid: number): number | undefined {
	const stat = readStat(pid);
	return stat === undefined ? undefined : (stat.utime + stat.stime) / clockTicksPerSecond();
}

/** A `/proc/PID/status` memory field (VmHWM, VmRSS) in bytes. */
export function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
		return match === null ? undefined : Number(match[1]) * 1024;
	} catch {
		return undefined;
	}
}
