import {EventEmitter} from 'node:events';
import {bootTime, clockTicksPerSecond, uptimeSeconds} from '../procfs/system.js';
import {type MonitorClock, systemClock} from './clock.js';
import {DaemonTracker, type DaemonEvent, type SampleContext} from './daemon-tracker.js';
import {type DaemonSpec, daemonByArgument, daemonSpecs} from '../wazuh/daemons.js';
import {discover, type IgnoredProcess} from './discovery.js';
import {iterateEvents} from './event-iterator.js';
import type {ProcStat} from '../procfs/parse-stat.js';
import type {DaemonState, ProcessSample, Snapshot, ThreadList} from '../model/snapshot.js';
import {SystemSampler} from './system-sampler.js';
import {ThreadSampler} from './thread-sampler.js';
import {Ticker} from './ticker.js';
import {formatTimestamp, timestampsNeedMilliseconds} from '../model/timestamp.js';

export type MonitorOptions = {
	/** Daemons to watch, by argument (`analysisd`) or process name (`wazuh-analysisd`). */
	readonly daemons: ReadonlyArray<string | DaemonSpec>;
	/** Seconds between samples. Default 1. */
	readonly interval?: number;
	/** Seconds between health checks (full rediscovery). Default 10. */
	readonly healthcheckInterval?: number;
	/** Consecutive failed health checks before a daemon is given up. Default 10. */
	readonly retries?: number;
	/** Version written into every snapshot (the CSV Version column). */
	readonly wazuhVersion?: string;
	readonly procRoot?: string;
	/** This tool's PID: it and its descendants are never monitored. Default process.pid. */
	readonly selfPid?: number;
	/** Subtrees below selfPid that may be monitored anyway (the demo fleet). */
	readonly allowedRoots?: readonly number[];
	/** Watch only processes under this PID. */
	readonly scope?: number;
	/**
	 * Time of snapshots, readings and the health-check schedule. Default the system's clock. The
	 * ticker's timers always run on real time: with another clock, drive the ticks with tickNow().
	 */
	readonly clock?: MonitorClock;
	/** USER_HZ, the unit of CPU times in /proc. Default the system's (`getconf CLK_TCK`). */
	readonly clockTicksPerSecond?: number;
	/** Children followed per daemon at most; default maxChildrenPerDaemon (128). */
	readonly maxChildren?: number;
	/**
	 * false: start() sets no timer and ticks happen only on tickNow() (tests, replays). Default true.
	 */
	readonly ticker?: boolean;
};

export type RestartEvent = {readonly name: string; readonly oldPid: number; readonly newPid: number};
export type FoundEvent = {readonly name: string; readonly pid: number; readonly children: number};

export type MonitorEvents = {
	snapshot: [snapshot: Snapshot];
	/** After the snapshot of a tick that ran a scheduled health check. */
	'health-check': [snapshot: Snapshot];
	found: [event: FoundEvent];
	restart: [event: RestartEvent];
	down: [name: string];
	'give-up': [name: string];
	/** Every daemon has been given up. */
	'all-given-up': [];
	warning: [message: string];
	/** A process with a daemon's name that is not the installed daemon (told once per process). */
	ignored: [process: IgnoredProcess];
	stop: [];
};

/** Resolves `analysisd` or `wazuh-analysisd` to its reference entry. */
export function resolveDaemon(nameOrArgument: string): DaemonSpec | undefined {
	return daemonByArgument(nameOrArgument) ?? daemonSpecs.find(spec => spec.name === nameOrArgument);
}

/**
 * Samples every process of the chosen daemons on one shared tick and emits one immutable
 * snapshot per tick. It knows nothing of CSV files or the terminal. The bookkeeping of each daemon
 * is its DaemonTracker's; this is the loop: ticks, health checks, snapshots and events.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed events: the interface only narrows EventEmitter's methods
export class Monitor extends EventEmitter {
	/** The newest snapshot, once the first tick has run. */
	latest: Snapshot | undefined;
	private readonly trackers: DaemonTracker[];
	private readonly interval: number;
	private readonly healthcheckMs: number;
	private readonly wazuhVersion: string;
	private readonly clock: MonitorClock;
	private readonly hz: number;
	/** Boot time (epoch seconds): constant while the host runs, so read once. */
	private readonly bootTime: number | undefined;
	private readonly ticker: Ticker | undefined;
	private readonly system: SystemSampler;
	private readonly threads: ThreadSampler;
	/** The PID whose threads each snapshot lists (the detail view's process), if any. */
	private threadPid: number | undefined;
	private running = false;
	/** Stale instances and look-alikes already told about (pid:start time). */
	private readonly told = new Set<string>();
	private nextHealthCheck = 0;
	private tickCount = 0;
	private allGivenUpSent = false;

	constructor(private readonly options: MonitorOptions) {
		super();
		if (options.daemons.length === 0) {
			throw new TypeError('Monitor needs at least one daemon');
		}

		this.interval = options.interval ?? 1;
		this.healthcheckMs = (options.healthcheckInterval ?? 10) * 1000;
		const retries = options.retries ?? 10;
		this.wazuhVersion = options.wazuhVersion ?? '';
		if (!(this.interval > 0) || !(this.healthcheckMs > 0) || !(retries >= 1)) {
			throw new RangeError('interval and healthcheckInterval must be positive, retries at least 1');
		}

		this.clock = options.clock ?? systemClock;
		this.hz = options.clockTicksPerSecond ?? clockTicksPerSecond();
		this.bootTime = bootTime(options.procRoot);
		this.system = new SystemSampler(options.procRoot);
		const monotonic = (): number => this.clock.monotonic();
		this.threads = new ThreadSampler({procRoot: options.procRoot, clockTicksPerSecond: this.hz, interval: this.interval, monotonic});
		const specs = options.daemons.map(daemon => {
			const spec = typeof daemon === 'string' ? resolveDaemon(daemon) : daemon;
			if (spec === undefined) {
				// Only a name can be unknown.
				throw new TypeError(`unknown daemon "${daemon as string}"`);
			}

			return spec;
		});
		// One tracker per process name: `remoted` and `wazuh-remoted` are the same daemon.
		const unique = specs.filter((spec, index) => specs.findIndex(other => other.name === spec.name) === index);
		this.trackers = unique.map(spec => new DaemonTracker(spec, {procRoot: options.procRoot, retries, monotonic, maxChildren: options.maxChildren}));
		if (options.ticker !== false) {
			this.ticker = new Ticker(this.interval * 1000, () => {
				this.tick();
			});
		}
	}

	/** The daemons' current states. */
	get daemons(): readonly DaemonState[] {
		return this.trackers.map(tracker => tracker.state());
	}

	/**
	 * Lists the threads of this process in the snapshots from the next tick on (undefined: none).
	 * Only a process being sampled is read (one of the snapshot's PIDs); each thread's CPU % needs
	 * a tick of baseline, so it is undefined on the first tick after this call.
	 */
	focusThreads(pid: number | undefined): void {
		this.threadPid = pid;
		if (pid === undefined) {
			this.threads.stop();
		}
	}

	/** Finds the daemons and reads baselines at once; the first snapshot follows one interval later. */
	start(): void {
		if (this.running) {
			return;
		}

		this.running = true;
		this.rediscover(true);
		// The baseline of the CPU rate: the first snapshot then has the host's CPU use too.
		this.system.sample();
		this.nextHealthCheck = this.clock.monotonic() + this.healthcheckMs;
		this.ticker?.start();
	}

	// eslint-disable-next-line @typescript-eslint/require-await -- async: a throw while closing is a rejection
	async stop(): Promise<void> {
		if (!this.running) {
			return;
		}

		this.running = false;
		this.ticker?.stop();
		for (const tracker of this.trackers) {
			tracker.close();
		}

		this.threads.stop();
		this.emit('stop');
	}

	/**
	 * Runs one tick now, as the ticker would, and returns its snapshot (also emitted). For tests
	 * and replays that drive the Monitor by hand, usually with `ticker: false` and their own clock.
	 */
	tickNow(): Snapshot {
		if (!this.running) {
			throw new Error('tickNow() needs a started Monitor');
		}

		return this.tick();
	}

	/** Snapshots until stop(). */
	async * [Symbol.asyncIterator](): AsyncGenerator<Snapshot> {
		yield * iterateEvents<Snapshot>(this, 'snapshot', 'stop');
	}

	private tick(): Snapshot {
		const time = this.clock.now();
		const now = this.clock.monotonic();
		const healthCheck = now >= this.nextHealthCheck;
		if (healthCheck) {
			// Checks missed while the process was stalled are skipped, not run back to back.
			this.nextHealthCheck += this.healthcheckMs * Math.max(1, Math.ceil((now - this.nextHealthCheck) / this.healthcheckMs));
			this.rediscover(true);
		}

		const {samples, vanished, newChildren} = this.sampleAll();
		if (vanished.size > 0 || newChildren) {
			// A vanished process may be a restart: look at once rather than at the next health check.
			this.rediscover(false, vanished);
		}

		const threadList = this.sampleThreads(samples);
		this.tickCount++;
		const system = this.system.sample();
		const snapshot: Snapshot = Object.freeze({
			tick: this.tickCount,
			time,
			timestamp: formatTimestamp(time, timestampsNeedMilliseconds(this.interval)),
			interval: this.interval,
			wazuhVersion: this.wazuhVersion,
			samples: Object.freeze(samples),
			daemons: Object.freeze(this.trackers.map(tracker => tracker.state())),
			sampleSeconds: (this.clock.monotonic() - now) / 1000,
			system,
			...(threadList === undefined ? {} : {threadList}),
		});
		for (const tracker of this.trackers) {
			tracker.endTick();
		}

		this.latest = snapshot;
		this.emit('snapshot', snapshot);
		if (healthCheck) {
			this.emit('health-check', snapshot);
		}

		if (!this.allGivenUpSent && this.trackers.every(tracker => !tracker.active)) {
			this.allGivenUpSent = true;
			this.emit('all-given-up');
		}

		return snapshot;
	}

	private sampleAll(): {samples: ProcessSample[]; vanished: Set<DaemonTracker>; newChildren: boolean} {
		let uptime: number | undefined;
		const context: SampleContext = {
			interval: this.interval,
			clockTicksPerSecond: this.hz,
			uptime: () => {
				uptime ??= uptimeSeconds(this.options.procRoot);
				return uptime;
			},
			bootTime: this.bootTime,
		};
		const samples: ProcessSample[] = [];
		const vanished = new Set<DaemonTracker>();
		let newChildren = false;
		for (const tracker of this.trackers) {
			const sampling = tracker.sample(context);
			samples.push(...sampling.samples);
			if (sampling.vanished) {
				vanished.add(tracker);
			}

			newChildren ||= sampling.newChildren;
		}

		for (const tracker of this.trackers) {
			for (const warning of tracker.takeWarnings()) {
				this.emit('warning', warning);
			}
		}

		return {samples, vanished, newChildren};
	}

	/** The threads of the focused process, when it is one of this tick's samples. */
	private sampleThreads(samples: readonly ProcessSample[]): ThreadList | undefined {
		const pid = this.threadPid;
		if (pid === undefined || !samples.some(sample => sample.pid === pid)) {
			return undefined;
		}

		const startTime = this.trackers.map(tracker => tracker.startTimeOf(pid)).find(time => time !== undefined);
		return startTime === undefined ? undefined : this.threads.sample(pid, startTime);
	}

	/**
	 * Full scan. A failed check counts towards `retries` when it is a scheduled health check or
	 * the immediate check after the daemon's own processes vanished.
	 */
	private rediscover(scheduled: boolean, vanished: ReadonlySet<DaemonTracker> = new Set()): void {
		const active = this.trackers.filter(tracker => tracker.active);
		if (active.length === 0) {
			return;
		}

		const {trees, stale, ignored} = discover(active.map(tracker => tracker.spec), {
			procRoot: this.options.procRoot,
			selfPid: this.options.selfPid,
			allowedRoots: this.options.allowedRoots,
			scope: this.options.scope,
		});
		for (const tracker of active) {
			const events = tracker.apply(trees.get(tracker.spec.name), scheduled || vanished.has(tracker));
			for (const event of events) {
				this.announce(tracker.spec.name, event);
			}
		}

		this.tellOnce(stale, ignored);
	}

	/** Stale instances are warned about, look-alikes told (for the debug log), each process once. */
	private tellOnce(stale: ReadonlyMap<string, readonly ProcStat[]>, ignored: readonly IgnoredProcess[]): void {
		for (const [name, instances] of stale) {
			const followed = this.trackers.find(tracker => tracker.spec.name === name)?.state().pid;
			for (const instance of instances) {
				const key = `stale:${instance.pid}:${instance.startTime}`;
				if (!this.told.has(key)) {
					this.told.add(key);
					this.emit('warning', `a stale instance of ${name} is running: pid ${instance.pid}, older than pid ${followed ?? '?'}, which is followed`);
				}
			}
		}

		for (const process of ignored) {
			const key = `ignored:${process.pid}:${process.startTime}`;
			if (!this.told.has(key)) {
				this.told.add(key);
				this.emit('ignored', process);
			}
		}
	}

	private announce(name: string, event: DaemonEvent): void {
		switch (event.type) {
			case 'found': {
				this.emit('found', {name, pid: event.pid, children: event.children});
				break;
			}

			case 'restart': {
				this.emit('restart', {name, oldPid: event.oldPid, newPid: event.newPid});
				break;
			}

			case 'down': {
				this.emit('down', name);
				break;
			}

			case 'give-up': {
				this.emit('give-up', name);
				break;
			}
		}
	}
}

// Typed events on top of EventEmitter (Node 20's typings are not generic).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed events: the interface only narrows EventEmitter's methods
export interface Monitor {
	on<E extends keyof MonitorEvents>(event: E, listener: (...args: MonitorEvents[E]) => void): this;
	once<E extends keyof MonitorEvents>(event: E, listener: (...args: MonitorEvents[E]) => void): this;
	off<E extends keyof MonitorEvents>(event: E, listener: (...args: MonitorEvents[E]) => void): this;
	emit<E extends keyof MonitorEvents>(event: E, ...args: MonitorEvents[E]): boolean;
}
