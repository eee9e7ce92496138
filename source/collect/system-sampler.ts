import {type CpuTimes, cpuUsePercent, type LoadAverage, type MemoryInfo, parseCpuTimes, parseLoadavg, parseMeminfo, parseUptime} from '../procfs/parse-system.js';
import {readOnce} from '../procfs/read-buffer.js';
import type {SystemSample} from '../model/snapshot.js';

function readOrUndefined<T>(path: string, parse: (text: string) => T | undefined): T | undefined {
	try {
		return parse(readOnce(path));
	} catch {
		// A /proc without the file (a container, a test's fake tree): that part of the line is left out.
		return undefined;
	}
}

/**
 * The host as a whole at each tick, for the system line: load, CPU use since the previous tick,
 * memory, swap and uptime. Four small reads per tick; the CPU rate keeps the previous counters.
 */
export class SystemSampler {
	private previous: CpuTimes | undefined;

	constructor(private readonly procRoot = '/proc') {}

	sample(): SystemSample {
		const load: LoadAverage | undefined = readOrUndefined(`${this.procRoot}/loadavg`, parseLoadavg);
		const cpu = readOrUndefined(`${this.procRoot}/stat`, parseCpuTimes);
		const memory: MemoryInfo | undefined = readOrUndefined(`${this.procRoot}/meminfo`, parseMeminfo);
		const uptime = readOrUndefined(`${this.procRoot}/uptime`, parseUptime);
		const cpuPercent = cpu === undefined ? undefined : cpuUsePercent(this.previous, cpu);
		this.previous = cpu ?? this.previous;
		return Object.freeze({
			load,
			cpuPercent,
			cores: cpu?.cores,
			memTotal: memory?.memTotal,
			memAvailable: memory?.memAvailable,
			swapTotal: memory?.swapTotal,
			swapFree: memory?.swapFree,
			uptime,
		});
	}
}
