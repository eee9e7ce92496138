/** The fields of /proc/PID/stat that the monitor uses. Times are in clock ticks. */
export type ProcStat = {
	readonly pid: number;
	/** Executable name cut to 15 bytes by the kernel; may contain spaces, `)` and newlines. */
	readonly comm: string;
	/** R, S, D, Z, T, X, I... */
	readonly state: string;
	readonly ppid: number;
	readonly utime: number;
	readonly stime: number;
	readonly numThreads: number;
	/** Start time after boot, in clock ticks: with the PID it identifies one process across PID reuse. */
	readonly startTime: number;
	/** Virtual memory size in bytes. */
	readonly vsize: number;
};

/**
 * Parses /proc/PID/stat. The comm field is wrapped in parentheses but may itself contain `)`,
 * so the fixed fields are read after the *last* `)`.
 */
export function parseStat(text: string): ProcStat | undefined {
	const open = text.indexOf('(');
	const close = text.lastIndexOf(')');
	if (open < 1 || close < open) {
		return undefined;
	}

	// Fields from 3 (state) onwards; index 0 here is field 3 in proc(5).
	const fields = text.slice(close + 2).split(' ');
	if (fields.length < 21) {
		return undefined;
	}

	const number = (index: number): number => Number(fields[index]);
	const stat: ProcStat = {
		pid: Number(text.slice(0, open - 1)),
		comm: text.slice(open + 1, close),
		state: fields[0] ?? '',
		ppid: number(1),
		utime: number(11),
		stime: number(12),
		numThreads: number(17),
		startTime: number(19),
		vsize: number(20),
	};
	return Number.isFinite(stat.pid) && Number.isFinite(stat.startTime) ? stat : undefined;
}

/** Zombies and dead tasks have no memory, fds or io left to sample. */
export function isDead(stat: ProcStat): boolean {
	return stat.state === 'Z' || stat.state === 'X' || stat.state === 'x';
}
