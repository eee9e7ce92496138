/**
 * What the collector emits once per tick. Everything here is plain, frozen data so the recorder,
 * the history store and the UI can hold on to it without copying and can never reach back.
 * Byte quantities are raw bytes; units are a presentation concern of the consumers.
 */

/** One process (a daemon or one of its descendants) at one tick. */
export type ProcessSample = {
	/** Role name, the CSV `Daemon` column: `wazuh-analysisd`, `wazuh_apid.py_child_2`. Stable across restarts. */
	readonly role: string;
	/** Name of the daemon this role belongs to (equal to `role` for the daemon itself). */
	readonly daemon: string;
	/** 0 for the daemon's own process, else the i of `<daemon>_child_<i>`. */
	readonly childIndex: number;
	readonly pid: number;
	readonly ppid: number;
	/** Short process name from /proc/PID/stat (at most 15 characters). */
	readonly comm: string;
	/** CPU since the previous sample, % of one core. */
	readonly cpuPercent: number | undefined;
	/** The part of cpuPercent spent in user mode (stat utime), % of one core. */
	readonly cpuUserPercent: number | undefined;
	/** The part of cpuPercent spent in kernel mode (stat stime), % of one core. */
	readonly cpuSystemPercent: number | undefined;
	readonly vms: number | undefined;
	readonly rss: number | undefined;
	readonly uss: number | undefined;
	readonly pss: number | undefined;
	readonly swap: number | undefined;
	readonly fd: number | undefined;
	readonly readOps: number | undefined;
	readonly writeOps: number | undefined;
	readonly diskRead: number | undefined;
	readonly diskWritten: number | undefined;
	/** Bytes per second over the last interval. */
	readonly diskReadSpeed: number | undefined;
	readonly diskWriteSpeed: number | undefined;
	/** Threads of the process (/proc/PID/stat num_threads). */
	readonly threads: number;
	/** Scheduler state from /proc/PID/stat: R running, S sleeping, D in uninterruptible IO, Z zombie... */
	readonly state?: string;
	/** Name of the process's real user (uid when /etc/passwd does not name it); read once per process. */
	readonly user?: string;
	/** Full command line, arguments joined by spaces; read once per process. */
	readonly command?: string;
	/** CPU time spent in user mode since the process started, seconds (stat utime): a counter, for exporters. */
	readonly cpuUserSeconds: number;
	/** CPU time spent in kernel mode since the process started, seconds (stat stime). */
	readonly cpuSystemSeconds: number;
	/** Start of the process, seconds since the epoch (boot time + stat starttime); undefined without /proc/stat. */
	readonly startTime: number | undefined;
};

export type DaemonStatus =
	/** Found and sampled this tick. */
	| 'running'
	/** Found this tick under a new PID after having been seen under another one. */
	| 'restarted'
	/** Not found at the last check; still being looked for. */
	| 'down'
	/** Not found for `retries` consecutive checks; no longer looked for. */
	| 'given-up';

export type DaemonState = {
	/** Process name from the reference table: `wazuh-analysisd`, `wazuh_apid.py`. */
	readonly name: string;
	/** Command-line argument that selects it: `analysisd`, `apid`. */
	readonly argument: string;
	readonly status: DaemonStatus;
	/** PID of the daemon's own process when running. */
	readonly pid: number | undefined;
	/** How many times it has been found under a new PID. */
	readonly restarts: number;
	/** Consecutive failed health checks. */
	readonly failedChecks: number;
	/** Names of fields that could not be read for this daemon (for example because of permissions). */
	readonly unreadable: readonly string[];
};

/** The host as a whole at one tick (the system line). Undefined fields: not readable here. */
export type SystemSample = {
	/** 1, 5 and 15 minute load averages (/proc/loadavg). */
	readonly load: {readonly one: number; readonly five: number; readonly fifteen: number} | undefined;
	/** Share of all cores busy since the previous tick, 0-100; undefined on the first tick. */
	readonly cpuPercent: number | undefined;
	/** Cores online. */
	readonly cores: number | undefined;
	/** Bytes (/proc/meminfo). */
	readonly memTotal: number | undefined;
	readonly memAvailable: number | undefined;
	readonly swapTotal: number | undefined;
	readonly swapFree: number | undefined;
	/** Seconds since boot. */
	readonly uptime: number | undefined;
};

export type Snapshot = {
	/** 1 for the first tick. */
	readonly tick: number;
	/** Wall-clock time of the tick start, ms since the epoch. */
	readonly time: number;
	/** Local time `YYYY/MM/DD HH:MM:SS` of the tick start: the CSV Timestamp of every row of this tick. */
	readonly timestamp: string;
	/** Configured interval in seconds. */
	readonly interval: number;
	/** Wazuh version written to the CSVs (empty when unknown). */
	readonly wazuhVersion: string;
	readonly samples: readonly ProcessSample[];
	readonly daemons: readonly DaemonState[];
	/** Seconds this tick took to read every process (the tool's own cost, measured on the monotonic clock). */
	readonly sampleSeconds: number;
	/** The host as a whole; absent from snapshots not made by the collector (replays, tests). */
	readonly system?: SystemSample;
	/**
	 * The threads of the one process whose threads were asked for (the detail view's); absent when
	 * none was asked for, or it is not one of this tick's samples. Never in recordings.
	 */
	readonly threadList?: ThreadList;
};

/** One thread of a process at one tick (/proc/PID/task/TID/stat). */
export type ThreadSample = {
	readonly tid: number;
	/** The thread's name (its comm: at most 15 characters; the process's name unless the thread set one). */
	readonly name: string;
	/** Scheduler state: R, S, D... */
	readonly state: string;
	/** CPU since the previous tick, % of one core; undefined on the tick a thread is first seen. */
	readonly cpuPercent: number | undefined;
};

/** The threads of one process at one tick, busiest first (then by TID). */
export type ThreadList = {
	readonly pid: number;
	readonly threads: readonly ThreadSample[];
};

/** A disk path at one tick. */
export type DiskSample = {
	/** Basename of the path. */
	readonly file: string;
	/** Absolute path. */
	readonly path: string;
	readonly exists: boolean;
	/** Apparent size in bytes; for a directory the sum over the files below it (hard links once). */
	readonly size: number | undefined;
	/** Size relative to the total size of the filesystem holding the path. */
	readonly usagePercent: number | undefined;
	/** ms since the epoch. */
	readonly mtime: number | undefined;
	readonly atime: number | undefined;
	readonly ctime: number | undefined;
	readonly isDirectory: boolean;
	/** Why the size is unknown or partial (a walk error, a missing path). */
	readonly problem: string | undefined;
};

export type DiskSnapshot = {
	readonly tick: number;
	readonly time: number;
	readonly timestamp: string;
	readonly samples: readonly DiskSample[];
};

/** Each registry metric is a numeric property of `ProcessSample` (the registry's keys are its names). */
type SampleHasEveryMetric = ProcessSample extends Record<import('./process-metrics.js').ProcessMetric, number | undefined> ? true : never;
const sampleHasEveryMetric: SampleHasEveryMetric = true;
void sampleHasEveryMetric;
