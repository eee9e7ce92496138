import {execFileSync} from 'node:child_process';
import {readOnce} from './read-buffer.js';

let clockTicks: number | undefined;

/** USER_HZ: the unit of utime/stime/starttime. 100 on every mainstream Linux; asked once. */
export function clockTicksPerSecond(): number {
	if (clockTicks === undefined) {
		try {
			const value = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8', timeout: 2000}).trim());
			clockTicks = Number.isInteger(value) && value > 0 ? value : 100;
		} catch {
			clockTicks = 100;
		}
	}

	return clockTicks;
}

/** Seconds since boot, from /proc/uptime (same clock as a process's start time). */
export function uptimeSeconds(procRoot = '/proc'): number {
	return Number.parseFloat(readOnce(`${procRoot}/uptime`));
}

/**
 * Boot time, seconds since the epoch (`btime` of /proc/stat): a process's start time in /proc is in
 * clock ticks after boot, and exporters want it as a wall-clock time. Undefined when unreadable.
 */
export function bootTime(procRoot = '/proc'): number | undefined {
	try {
		const match = /^btime (\d+)$/m.exec(readOnce(`${procRoot}/stat`));
		return match === null ? undefined : Number(match[1]);
	} catch {
		return undefined;
	}
}
