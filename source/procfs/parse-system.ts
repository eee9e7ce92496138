/**
 * Pure parsers of the host-wide /proc files behind the system line (load, CPU, memory, uptime).
 * Each takes the file's text and returns numbers, or undefined for what the text does not hold:
 * a kernel that lacks a line gives a shorter line on screen, never an error.
 */

export type LoadAverage = {readonly one: number; readonly five: number; readonly fifteen: number};

/** /proc/loadavg: `0.02 0.42 1.23 1/82 22302`. */
export function parseLoadavg(text: string): LoadAverage | undefined {
	const [one, five, fifteen] = text.trim().split(/\s+/).slice(0, 3).map(Number);
	if (one === undefined || five === undefined || fifteen === undefined || ![one, five, fifteen].every(Number.isFinite)) {
		return undefined;
	}

	return {one, five, fifteen};
}

/** The host's CPU time counters (clock ticks, summed over cores) and how many cores are online. */
export type CpuTimes = {
	/** Every jiffy spent: user nice system idle iowait irq softirq steal (guest time is inside user). */
	readonly total: number;
	/** Idle and waiting for IO: the time no task used. */
	readonly idle: number;
	/** `cpuN` lines: cores the kernel currently runs. */
	readonly cores: number;
};

/** The `cpu` and `cpuN` lines of /proc/stat. */
export function parseCpuTimes(text: string): CpuTimes | undefined {
	let times: number[] | undefined;
	let cores = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith('cpu ')) {
			times = line.slice(4).trim().split(/\s+/).slice(0, 8).map(Number);
		} else if (/^cpu\d+ /.test(line)) {
			cores++;
		}
	}

	if (times === undefined || times.length < 4 || !times.every(Number.isFinite)) {
		return undefined;
	}

	const total = times.reduce((sum, value) => sum + value, 0);
	return {total, idle: times[3]! + (times[4] ?? 0), cores: Math.max(1, cores)};
}

/**
 * Share of all cores in use between two readings, 0-100 (100 = every core busy). Undefined without
 * a previous reading or when no time passed (two reads within one clock tick).
 */
export function cpuUsePercent(previous: CpuTimes | undefined, current: CpuTimes): number | undefined {
	if (previous === undefined) {
		return undefined;
	}

	const total = current.total - previous.total;
	const idle = current.idle - previous.idle;
	if (!(total > 0)) {
		return undefined;
	}

	return Math.min(100, Math.max(0, (total - idle) / total * 100));
}

export type MemoryInfo = {
	/** Bytes. */
	readonly memTotal: number;
	/** What can be given to programs without swapping (MemAvailable; MemFree + Cached before 3.14). */
	readonly memAvailable: number;
	readonly swapTotal: number;
	readonly swapFree: number;
};

/** /proc/meminfo (values in kB). */
export function parseMeminfo(text: string): MemoryInfo | undefined {
	const values = new Map<string, number>();
	for (const match of text.matchAll(/^(\w+):\s+(\d+)(?: kB)?$/gm)) {
		values.set(match[1]!, Number(match[2]) * 1024);
	}

	const memTotal = values.get('MemTotal');
	if (memTotal === undefined) {
		return undefined;
	}

	const memAvailable = values.get('MemAvailable') ?? ((values.get('MemFree') ?? 0) + (values.get('Cached') ?? 0));
	return {memTotal, memAvailable, swapTotal: values.get('SwapTotal') ?? 0, swapFree: values.get('SwapFree') ?? 0};
}

/** /proc/uptime: seconds since boot (the first number). */
export function parseUptime(text: string): number | undefined {
	const value = Number.parseFloat(text);
	return Number.isFinite(value) ? value : undefined;
}
