import {EventEmitter} from 'node:events';
import type {IoCounters} from '../procfs/parse-io.js';
import type {ProcStat} from '../procfs/parse-stat.js';
import {type FieldGroup, ProcessReader, type ProcessReading} from '../procfs/process-reader.js';
import {clockTicksPerSecond, uptimeSeconds} from '../procfs/system.js';
import {ChildNames} from './child-names.js';
import {type DaemonSpec, daemonByArgument, daemonSpecs} from './daemons.js';
import {discover} from './discovery.js';
import {iterateEvents} from './event-iterator.js';
import type {DaemonState, DaemonStatus, ProcessSample, Snapshot} from './snapshot.js';
import {Ticker} from './ticker.js';
import {formatTimestamp} from './timestamp.js';

export type MonitorOptions = {
	/** Daemons to watch, by argument (`analysisd`) or process name (`wazuh-analysisd`). */
	readonly daemons: readonly string[];
	/** Seconds between samples. Default 1. */
	readonly interval?: number;
	/** Seconds between health checks (full rediscovery). Default 10. */
	readonly healthcheckInterval?: number;
	/** Consecutive failed health checks before a daemon is given up. Default 10. */
	readonly retries?: number;
	/** Version written into every snapshot (the CSV Version column). */
	readonly version?: string;
	readonly procRoot?: string;
	/** This tool's PID: it and its descendants are never monitored. Default process.pid. */
	readonly selfPid?: number;
	/** Subtrees below selfPid that may be monitored anyway (the demo fleet). */
	readonly allowedRoots?: readonly number[];
	/** Watch only processes under this PID. */
	readonly scope?: number;
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
	stop: [];
};

type Baseline = {readonly cpuTicks: number; readonly at: number; readonly io: IoCounters | undefined};

type Member = {
	readonly pid: number;
	readonly startTime: number;
	readonly name: string;
	readonly childIndex: number;
	readonly ppid: number;
	readonly comm: string;
	readonly reader: ProcessReader;
	baseline: Baseline | undefined;
};

type Tracked = {
	readonly spec: DaemonSpec;
	status: DaemonStatus;
	rootKey: string | undefined;
	rootPid: number | undefined;
	restarts: number;
	failedChecks: number;
	restartedThisTick: boolean;
	readonly members: Map<number, Member>;
	readonly childNames: ChildNames;
	readonly unreadable: Set<FieldGroup>;
};

const groupFields: Record<FieldGroup, readonly string[]> = {
	memory: ['RSS', 'USS', 'PSS', 'SWAP'],
	maps: ['USS', 'PSS'],
	io: ['Read_Ops', 'Write_Ops', 'Disk_Read', 'Disk_Written'],
	fd: ['FD'],
};

const groupLabel: Record<FieldGroup, string> = {
	memory: 'memory maps (RSS/USS/PSS/SWAP)',
	maps: 'memory maps (USS/PSS; RSS and SWAP come from /proc/PID/status)',
	io: 'io counters (Read_Ops/Write_Ops/Disk_*)',
	fd: 'open file descriptors (FD)',
};

const keyOf = (stat: ProcStat): string => `${stat.pid}:${stat.startTime}`;

/** Resolves `analysisd` or `wazuh-analysisd` to its reference entry. */
export function resolveDaemon(nameOrArgument: string): DaemonSpec | undefined {
	return daemonByArgument(nameOrArgument) ?? daemonSpecs.find(spec => spec.name === nameOrArgument);
}

/**
 * Samples every process of the chosen daemons on one shared tick and emits one immutable
 * snapshot per tick. It knows nothing of CSV files or the terminal.
 */
export class Monitor extends EventEmitter {
	/** The newest snapshot, once the first tick has run. */
	latest: Snapshot | undefined;
	private readonly tracked: Tracked[];
	private readonly interval: number;
	private readonly healthcheckMs: number;
	private readonly retries: number;
	private readonly version: string;
	private readonly ticker: Ticker;
	private readonly hz = clockTicksPerSecond();
	private nextHealthCheck = 0;
	private tickCount = 0;
	private allGivenUpSent = false;
	private readonly warned = new Set<string>();

	constructor(private readonly options: MonitorOptions) {
		super();
		if (options.daemons.length === 0) {
			throw new TypeError('Monitor needs at least one daemon');
		}

		this.tracked = [...new Set(options.daemons)].map(name => {
			const spec = resolveDaemon(name);
			if (spec === undefined) {
				throw new TypeError(`unknown daemon "${name}"`);
			}

			return {
				spec,
				status: 'down',
				rootKey: undefined,
				rootPid: undefined,
				restarts: 0,
				failedChecks: 0,
				restartedThisTick: false,
				members: new Map(),
				childNames: new ChildNames(),
				unreadable: new Set(),
			};
		});
		this.interval = options.interval ?? 1;
		this.healthcheckMs = (options.healthcheckInterval ?? 10) * 1000;
		this.retries = options.retries ?? 10;
		this.version = options.version ?? '';
		if (!(this.interval > 0) || !(this.healthcheckMs > 0) || !(this.retries >= 1)) {
			throw new RangeError('interval and healthcheckInterval must be positive, retries at least 1');
		}

		this.ticker = new Ticker(this.interval * 1000, () => {
			this.tick();
		});
	}

	/** The daemons' current states. */
	get daemons(): readonly DaemonState[] {
		return this.tracked.map(tracked => this.stateOf(tracked));
	}

	/** Finds the daemons and reads baselines at once; the first snapshot follows one interval later. */
	start(): void {
		if (this.ticker.running) {
			return;
		}

		this.rediscover(true);
		this.nextHealthCheck = performance.now() + this.healthcheckMs;
		this.ticker.start();
	}

	async stop(): Promise<void> {
		if (!this.ticker.running) {
			return;
		}

		this.ticker.stop();
		for (const tracked of this.tracked) {
			for (const member of tracked.members.values()) {
				member.reader.close();
			}

			tracked.members.clear();
		}

		this.emit('stop');
	}

	/** Snapshots until stop(). */
	async * [Symbol.asyncIterator](): AsyncGenerator<Snapshot> {
		yield * iterateEvents<Snapshot>(this, 'snapshot', 'stop');
	}

	private tick(): void {
		const time = Date.now();
		const healthCheck = performance.now() >= this.nextHealthCheck;
		if (healthCheck) {
			this.nextHealthCheck += this.healthcheckMs * Math.max(1, Math.ceil((performance.now() - this.nextHealthCheck) / this.healthcheckMs));
			this.rediscover(true);
		}

		const {samples, vanished, newChildren} = this.sampleAll();
		if (vanished.size > 0 || newChildren) {
			// A vanished process may be a restart: look at once rather than at the next health check.
			this.rediscover(false, vanished);
		}

		this.tickCount++;
		const snapshot: Snapshot = Object.freeze({
			tick: this.tickCount,
			time,
			timestamp: formatTimestamp(time),
			interval: this.interval,
			version: this.version,
			samples: Object.freeze(samples),
			daemons: Object.freeze(this.tracked.map(tracked => this.stateOf(tracked))),
		});
		for (const tracked of this.tracked) {
			tracked.restartedThisTick = false;
		}

		this.latest = snapshot;
		this.emit('snapshot', snapshot);
		if (healthCheck) {
			this.emit('health-check', snapshot);
		}

		if (!this.allGivenUpSent && this.tracked.every(tracked => tracked.status === 'given-up')) {
			this.allGivenUpSent = true;
			this.emit('all-given-up');
		}
	}

	private sampleAll(): {samples: ProcessSample[]; vanished: Set<Tracked>; newChildren: boolean} {
		const samples: ProcessSample[] = [];
		const vanished = new Set<Tracked>();
		let newChildren = false;
		let uptime: number | undefined;
		const lifetimeOf = (member: Member): number => {
			uptime ??= uptimeSeconds(this.options.procRoot);
			return Math.max(uptime - (member.startTime / this.hz), 1 / this.hz);
		};

		for (const tracked of this.tracked) {
			tracked.unreadable.clear();
			for (const member of tracked.members.values()) {
				const reading = member.reader.read();
				if (reading === undefined) {
					tracked.members.delete(member.pid);
					vanished.add(tracked);
					continue;
				}

				for (const group of member.reader.unreadable.keys()) {
					tracked.unreadable.add(group);
				}

				samples.push(this.toSample(tracked, member, reading, lifetimeOf));
				if (!newChildren) {
					newChildren = (member.reader.children() ?? []).some(pid => !tracked.members.has(pid));
				}
			}
		}

		this.warnUnreadable();
		return {samples, vanished, newChildren};
	}

	private toSample(tracked: Tracked, member: Member, reading: ProcessReading, lifetimeOf: (member: Member) => number): ProcessSample {
		const {stat, memory, io, fd, at} = reading;
		const cpuTicks = stat.utime + stat.stime;
		const previous = member.baseline;
		const elapsed = previous === undefined ? 0 : (at - previous.at) / 1000;
		let cpuPercent: number;
		let readSpeed: number | undefined;
		let writeSpeed: number | undefined;
		if (previous !== undefined && elapsed >= this.interval / 2) {
			cpuPercent = Math.max(0, (cpuTicks - previous.cpuTicks) / this.hz / elapsed * 100);
			if (io !== undefined && previous.io !== undefined) {
				readSpeed = Math.max(0, (io.readBytes - previous.io.readBytes) / elapsed);
				writeSpeed = Math.max(0, (io.writeBytes - previous.io.writeBytes) / elapsed);
			}
		} else {
			// Found moments ago (a restart, a new child): a delta over a few ms of 10 ms clock ticks
			// is noise, so report the average over the process's life, which is short and real.
			const lifetime = lifetimeOf(member);
			cpuPercent = cpuTicks / this.hz / lifetime * 100;
			if (io !== undefined) {
				readSpeed = io.readBytes / lifetime;
				writeSpeed = io.writeBytes / lifetime;
			}
		}

		member.baseline = {cpuTicks, at, io};
		return Object.freeze({
			name: member.name,
			daemon: tracked.spec.name,
			childIndex: member.childIndex,
			pid: member.pid,
			ppid: stat.ppid,
			comm: stat.comm,
			cpuPercent,
			vms: stat.vsize,
			rss: memory?.rss,
			uss: memory?.uss,
			pss: memory?.pss,
			swap: memory?.swap,
			fd,
			readOps: io?.syscr,
			writeOps: io?.syscw,
			diskRead: io?.readBytes,
			diskWritten: io?.writeBytes,
			diskReadSpeed: readSpeed,
			diskWriteSpeed: writeSpeed,
		});
	}

	/**
	 * Full scan. A failed check counts towards `retries` when it is a scheduled health check or
	 * the immediate check after the daemon's own processes vanished.
	 */
	private rediscover(scheduled: boolean, vanished: ReadonlySet<Tracked> = new Set()): void {
		const active = this.tracked.filter(tracked => tracked.status !== 'given-up');
		if (active.length === 0) {
			return;
		}

		const {trees} = discover(active.map(tracked => tracked.spec), {
			procRoot: this.options.procRoot,
			selfPid: this.options.selfPid,
			allowedRoots: this.options.allowedRoots,
			scope: this.options.scope,
		});
		for (const tracked of active) {
			const tree = trees.get(tracked.spec.name);
			if (tree === undefined) {
				this.markMissing(tracked, scheduled || vanished.has(tracked));
				continue;
			}

			const rootKey = keyOf(tree.root);
			if (tracked.rootKey !== undefined && tracked.rootKey !== rootKey) {
				tracked.restarts++;
				tracked.restartedThisTick = true;
				this.emit('restart', {name: tracked.spec.name, oldPid: tracked.rootPid!, newPid: tree.root.pid});
			} else if (tracked.rootKey === undefined) {
				this.emit('found', {name: tracked.spec.name, pid: tree.root.pid, children: tree.descendants.length});
			}

			tracked.rootKey = rootKey;
			tracked.rootPid = tree.root.pid;
			tracked.failedChecks = 0;
			tracked.status = 'running';
			this.updateMembers(tracked, tree.root, tree.descendants);
		}
	}

	private markMissing(tracked: Tracked, counts: boolean): void {
		for (const member of tracked.members.values()) {
			member.reader.close();
		}

		tracked.members.clear();
		if (tracked.status === 'running' || tracked.status === 'restarted') {
			this.emit('down', tracked.spec.name);
		}

		tracked.status = 'down';
		// A later restart is a restart, not a first sighting.
		if (counts) {
			tracked.failedChecks++;
		}

		if (tracked.failedChecks >= this.retries) {
			tracked.status = 'given-up';
			this.emit('give-up', tracked.spec.name);
		}
	}

	private updateMembers(tracked: Tracked, root: ProcStat, descendants: readonly ProcStat[]): void {
		const indexOf = tracked.childNames.assign(descendants);
		const wanted = [root, ...descendants];
		const wantedKeys = new Set(wanted.map(stat => keyOf(stat)));
		for (const member of tracked.members.values()) {
			if (!wantedKeys.has(`${member.pid}:${member.startTime}`)) {
				member.reader.close();
				tracked.members.delete(member.pid);
			}
		}

		for (const stat of wanted) {
			const existing = tracked.members.get(stat.pid);
			if (existing?.startTime === stat.startTime) {
				continue;
			}

			existing?.reader.close();
			const childIndex = stat === root ? 0 : indexOf.get(stat.pid)!;
			const member: Member = {
				pid: stat.pid,
				startTime: stat.startTime,
				name: childIndex === 0 ? tracked.spec.name : `${tracked.spec.name}_child_${childIndex}`,
				childIndex,
				ppid: stat.ppid,
				comm: stat.comm,
				reader: new ProcessReader(stat.pid, stat.startTime, this.options.procRoot),
				baseline: undefined,
			};
			// Baseline now, so the first sample one interval later is a real delta.
			const reading = member.reader.read();
			if (reading === undefined) {
				continue;
			}

			member.baseline = {cpuTicks: reading.stat.utime + reading.stat.stime, at: reading.at, io: reading.io};
			tracked.members.set(stat.pid, member);
		}
	}

	private warnUnreadable(): void {
		for (const tracked of this.tracked) {
			for (const member of tracked.members.values()) {
				for (const [group, code] of member.reader.unreadable) {
					const key = `${tracked.spec.name}:${group}`;
					if (this.warned.has(key)) {
						continue;
					}

					this.warned.add(key);
					const reason = code === 'EACCES' || code === 'EPERM'
						? `permission denied; run as root to read another user's ${groupLabel[group].split(' (')[0]!}`
						: `error ${code}`;
					this.emit('warning', `cannot read ${groupLabel[group]} of ${member.name} (pid ${member.pid}): ${reason}`);
				}
			}
		}
	}

	private stateOf(tracked: Tracked): DaemonState {
		return Object.freeze({
			name: tracked.spec.name,
			argument: tracked.spec.argument,
			status: tracked.restartedThisTick && tracked.status === 'running' ? 'restarted' : tracked.status,
			pid: tracked.status === 'running' ? tracked.rootPid : undefined,
			restarts: tracked.restarts,
			failedChecks: tracked.failedChecks,
			unreadable: Object.freeze([...tracked.unreadable].flatMap(group => groupFields[group])),
		});
	}
}

// Typed events on top of EventEmitter (Node 20's typings are not generic).
export interface Monitor {
	on<E extends keyof MonitorEvents>(event: E, listener: (...args: MonitorEvents[E]) => void): this;
	once<E extends keyof MonitorEvents>(event: E, listener: (...args: MonitorEvents[E]) => void): this;
	off<E extends keyof MonitorEvents>(event: E, listener: (...args: MonitorEvents[E]) => void): this;
	emit<E extends keyof MonitorEvents>(event: E, ...args: MonitorEvents[E]): boolean;
}
