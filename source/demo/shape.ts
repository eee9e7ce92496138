/**
 * How a simulated daemon behaves. Every field is optional; an empty shape is an idle process.
 * Rates and durations are per second / in seconds unless the name says otherwise.
 */
export type Shape = {
	/** Steady busy fraction of one core: 0.3 is about 30% CPU. Capped at 1. */
	cpu?: number;
	/** Periodic bursts: every `every` seconds, `length` seconds at `cpu` instead of the steady value. */
	cpuBurst?: {every: number; length: number; cpu: number};
	/** Private memory allocated and written (so it is resident) at start, kept alive. */
	memoryMb?: number;
	/** Extra private memory added over time, a slow "leak" (capped at 256 MB, see fake-daemon.sh). */
	memoryGrowthMbPerMin?: number;
	/** Extra file descriptors held open. */
	fds?: number;
	/** If set, the number of extra fds wanders within fds +- fdChurn (opened and closed). */
	fdChurn?: number;
	/** Bytes written per second to a file in the fleet dir, in whole pages, so they show in write_bytes. */
	writeBytesPerSec?: number;
	/** Long-lived worker children, run through the same executable as the parent. */
	children?: number;
	/** Shape of those children (idle when absent). */
	childShape?: Shape;
	/** Short-lived children that come and go. */
	childChurn?: {perSecond: number; lifeMs: number};
};

/**
 * What a daemon that publishes statistics (analysisd, remoted, wazuh-db, 4.x or 5.x by its name)
 * counts, see stats/publisher.ts. Every field is optional.
 */
export type StatsShape = {
	/**
	 * Per second at the daemon's steady CPU: events (analysisd, the 5.x engine), event messages
	 * (remoted), queries (wazuh-db). During a burst of its CPU shape the rate is multiplied by the
	 * burst's CPU over the steady CPU.
	 */
	rate?: number;
	/**
	 * Seconds of one fill-and-drain cycle of analysisd's syscheck queue (4.x) or the engine's router
	 * queue (5.x): it climbs to about 95 % (now and then to full, dropping events) and drains. 0: none.
	 */
	queueCycle?: number;
};

/**
 * One simulated daemon: `name` is the process name (`wazuh-analysisd`, `wazuh_apid.py`). `stats`
 * false: a daemon that would publish statistics publishes none.
 */
export type FakeDaemon = {name: string; shape?: Shape; stats?: StatsShape | false};
