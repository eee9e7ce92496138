import {parseCmdline} from '../procfs/parse-cmdline.js';
import {parseStatus} from '../procfs/parse-status.js';
import {readOnce} from '../procfs/read-buffer.js';
import {UserNames} from '../procfs/users.js';
import type {ProcStat} from '../procfs/parse-stat.js';
import {type FieldGroup, ProcessReader, type ProcessReading} from '../procfs/process-reader.js';
import {ChildNames} from './child-names.js';
import type {DaemonTree} from './daemon-trees.js';
import type {DaemonSpec} from '../wazuh/daemons.js';
import {baselineOf, processLifetime, type RateBaseline, ratesBetween} from './rates.js';
import type {DaemonState, DaemonStatus, ProcessSample} from '../model/snapshot.js';
import {groupFields, unreadableWarning} from './unreadable-fields.js';

/** What applying a discovery result did to a daemon, for the Monitor to announce. */
export type DaemonEvent =
	| {readonly type: 'found'; readonly pid: number; readonly children: number}
	| {readonly type: 'restart'; readonly oldPid: number; readonly newPid: number}
	| {readonly type: 'down'}
	| {readonly type: 'give-up'};

export type DaemonTrackerOptions = {
	readonly procRoot?: string;
	/** Consecutive failed checks before the daemon is given up. */
	readonly retries: number;
	/** Monotonic ms, stamped on every reading. */
	readonly monotonic: () => number;
	/** Children followed at most (the oldest ones); see maxChildrenPerDaemon. */
	readonly maxChildren?: number;
};

/**
 * Children followed per daemon, at most. Wazuh's daemons have a handful (modulesd's commands, the
 * API's and the cluster's worker pools, sized by the CPU count); 128 covers a pool per core on a
 * 128-core manager. Each followed child costs about five kept-open /proc files and a CSV file, so
 * a fork bomb under a daemon costs at most ~800 fds and 128 files per daemon, not everything.
 */
const maxChildrenPerDaemon = 128;

/** What every daemon's sampling shares within one tick. */
export type SampleContext = {
	/** Seconds between samples. */
	readonly interval: number;
	readonly clockTicksPerSecond: number;
	/** Seconds since boot; read once per tick, and only if a lifetime average needs it. */
	readonly uptime: () => number;
	/** Boot time, seconds since the epoch (read once per Monitor); undefined when unreadable. */
	readonly bootTime: number | undefined;
};

export type DaemonSampling = {
	readonly samples: ProcessSample[];
	/** One of its processes is gone (or its PID reused): it may have restarted. */
	readonly vanished: boolean;
	/** A process it reads lists a child it does not know yet. */
	readonly newChildren: boolean;
};

type Member = {
	readonly pid: number;
	readonly startTime: number;
	readonly name: string;
	readonly childIndex: number;
	readonly reader: ProcessReader;
	baseline: RateBaseline;
	/** Read once when the process is first followed (see `identityOf`). */
	readonly command: string | undefined;
	readonly user: string | undefined;
};

const keyOf = (process: {readonly pid: number; readonly startTime: number}): string => `${process.pid}:${process.startTime}`;

/**
 * One daemon across time: its status, restarts and failed checks, the processes of its tree (one
 * ProcessReader each, kept open between ticks) and the names of its children. It does not look
 * for the daemon itself: the Monitor runs one discovery for every daemon and hands each its tree.
 */
export class DaemonTracker {
	private currentStatus: DaemonStatus = 'down';
	private rootKey: string | undefined;
	private rootPid: number | undefined;
	private restarts = 0;
	private failedChecks = 0;
	private restartedThisTick = false;
	private readonly members = new Map<number, Member>();
	private readonly childNames = new ChildNames();
	private readonly unreadable = new Set<FieldGroup>();
	/** Field groups already explained in a warning: one warning per daemon and group. */
	private readonly warned = new Set<FieldGroup>();
	/** Whether the children cap was hit and told, and a warning waiting to be taken. */
	private capWarned = false;
	private readonly pendingWarnings: string[] = [];

	constructor(
		readonly spec: DaemonSpec,
		private readonly options: DaemonTrackerOptions,
	) {}

	get status(): DaemonStatus {
		return this.currentStatus;
	}

	/** Still looked for: not given up. */
	get active(): boolean {
		return this.currentStatus !== 'given-up';
	}

	/** The start time (clock ticks after boot) of a process of this daemon followed now, by PID. */
	startTimeOf(pid: number): number | undefined {
		return this.members.get(pid)?.startTime;
	}

	/**
	 * Takes the result of a discovery: the daemon's tree, or undefined when it was not found. A
	 * miss counts towards `retries` only when `counts` (a scheduled check, or the check right after
	 * the daemon's own processes vanished); a check that another daemon's vanishing set off does not.
	 */
	apply(tree: DaemonTree | undefined, counts: boolean): DaemonEvent[] {
		if (tree === undefined) {
			return this.markMissing(counts);
		}

		const events: DaemonEvent[] = [];
		const rootKey = keyOf(tree.root);
		if (this.rootKey !== undefined && this.rootKey !== rootKey) {
			this.restarts++;
			this.restartedThisTick = true;
			events.push({type: 'restart', oldPid: this.rootPid!, newPid: tree.root.pid});
		} else if (this.rootKey === undefined) {
			events.push({type: 'found', pid: tree.root.pid, children: tree.descendants.length});
		}

		this.rootKey = rootKey;
		this.rootPid = tree.root.pid;
		this.failedChecks = 0;
		this.currentStatus = 'running';
		this.updateMembers(tree.root, tree.descendants);
		return events;
	}

	/** Reads every process of the daemon once. */
	sample(context: SampleContext): DaemonSampling {
		const samples: ProcessSample[] = [];
		let vanished = false;
		let newChildren = false;
		this.unreadable.clear();
		for (const member of this.members.values()) {
			const reading = member.reader.read();
			if (reading === undefined) {
				this.members.delete(member.pid);
				vanished = true;
				continue;
			}

			for (const group of member.reader.unreadable.keys()) {
				this.unreadable.add(group);
			}

			samples.push(this.toSample(member, reading, context));
			// At the cap, children we do not follow are expected: they must not set off a full scan every tick.
			if (!newChildren && this.members.size <= this.maxChildren) {
				newChildren = (member.reader.children() ?? []).some(pid => !this.members.has(pid));
			}
		}

		return {samples, vanished, newChildren};
	}

	/** Warnings for field groups that became unreadable since the last call; each group is explained once. */
	takeWarnings(): string[] {
		const warnings = this.pendingWarnings.splice(0);
		for (const member of this.members.values()) {
			for (const [group, code] of member.reader.unreadable) {
				if (!this.warned.has(group)) {
					this.warned.add(group);
					warnings.push(unreadableWarning(group, code, member.name, member.pid));
				}
			}
		}

		return warnings;
	}

	state(): DaemonState {
		return Object.freeze({
			name: this.spec.name,
			argument: this.spec.argument,
			status: this.restartedThisTick && this.currentStatus === 'running' ? 'restarted' : this.currentStatus,
			pid: this.currentStatus === 'running' ? this.rootPid : undefined,
			restarts: this.restarts,
			failedChecks: this.failedChecks,
			unreadable: Object.freeze([...this.unreadable].flatMap(group => groupFields[group])),
		});
	}

	/** The snapshot of the tick is out: 'restarted' was for that tick only. */
	endTick(): void {
		this.restartedThisTick = false;
	}

	close(): void {
		for (const member of this.members.values()) {
			member.reader.close();
		}

		this.members.clear();
	}

	private markMissing(counts: boolean): DaemonEvent[] {
		const events: DaemonEvent[] = [];
		this.close();
		if (this.currentStatus === 'running') {
			events.push({type: 'down'});
		}

		// The root is remembered: a later sighting under another PID is a restart, not a first one.
		this.currentStatus = 'down';
		if (counts) {
			this.failedChecks++;
		}

		if (this.failedChecks >= this.options.retries) {
			this.currentStatus = 'given-up';
			events.push({type: 'give-up'});
		}

		return events;
	}

	private get maxChildren(): number {
		return this.options.maxChildren ?? maxChildrenPerDaemon;
	}

	private updateMembers(root: ProcStat, allDescendants: readonly ProcStat[]): void {
		const descendants = this.withinCap(allDescendants);
		const indexOf = this.childNames.assign(descendants);
		const wanted = [root, ...descendants];
		const wantedKeys = new Set(wanted.map(stat => keyOf(stat)));
		for (const member of this.members.values()) {
			if (!wantedKeys.has(keyOf(member))) {
				member.reader.close();
				this.members.delete(member.pid);
			}
		}

		for (const stat of wanted) {
			// Left from the loop above, a member with this PID is this very process (same start time).
			if (this.members.has(stat.pid)) {
				continue;
			}

			const reader = new ProcessReader(stat.pid, stat.startTime, this.options.procRoot, this.options.monotonic);
			// Baseline now, so the first sample one interval later is a real delta.
			const reading = reader.read();
			if (reading === undefined) {
				continue;
			}

			const childIndex = stat === root ? 0 : indexOf.get(stat.pid)!;
			this.members.set(stat.pid, {
				pid: stat.pid,
				startTime: stat.startTime,
				name: childIndex === 0 ? this.spec.name : `${this.spec.name}_child_${childIndex}`,
				childIndex,
				reader,
				baseline: baselineOf(reading),
				...identityOf(`${this.options.procRoot ?? '/proc'}/${stat.pid}`),
			});
		}
	}

	/** The children followed: those followed already (their names stay), then the oldest new ones, up to the cap. */
	private withinCap(descendants: readonly ProcStat[]): readonly ProcStat[] {
		if (descendants.length <= this.maxChildren) {
			return descendants;
		}

		if (!this.capWarned) {
			this.capWarned = true;
			this.pendingWarnings.push(`${this.spec.name} has ${descendants.length} child processes: only ${this.maxChildren} are followed (the oldest), so a runaway daemon cannot exhaust this tool's files`);
		}

		const followed = (stat: ProcStat) => this.members.get(stat.pid)?.startTime === stat.startTime;
		const kept = descendants.filter(stat => followed(stat));
		const room = Math.max(0, this.maxChildren - kept.length);
		return [...kept, ...descendants.filter(stat => !followed(stat)).slice(0, room)];
	}

	private toSample(member: Member, reading: ProcessReading, context: SampleContext): ProcessSample {
		const {stat, memory, io, fd} = reading;
		const current = baselineOf(reading);
		const rates = ratesBetween(member.baseline, current, {
			clockTicksPerSecond: context.clockTicksPerSecond,
			interval: context.interval,
			lifetime: () => processLifetime(context.uptime(), member.startTime, context.clockTicksPerSecond),
		});
		member.baseline = current;
		return Object.freeze({
			role: member.name,
			daemon: this.spec.name,
			childIndex: member.childIndex,
			pid: member.pid,
			ppid: stat.ppid,
			comm: stat.comm,
			cpuPercent: rates.cpuPercent,
			cpuUserPercent: rates.cpuUserPercent,
			cpuSystemPercent: rates.cpuSystemPercent,
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
			diskReadSpeed: rates.diskReadSpeed,
			diskWriteSpeed: rates.diskWriteSpeed,
			threads: stat.numThreads,
			state: stat.state,
			user: member.user,
			command: member.command,
			cpuUserSeconds: stat.utime / context.clockTicksPerSecond,
			cpuSystemSeconds: stat.stime / context.clockTicksPerSecond,
			startTime: context.bootTime === undefined ? undefined : context.bootTime + (member.startTime / context.clockTicksPerSecond),
		});
	}
}

const userNames = new UserNames();

/**
 * The command line and the user of a process, for the detail view: read once when it is first
 * followed, not every tick (a daemon does not change them after it starts; they cost two reads).
 */
function identityOf(folder: string): {command: string | undefined; user: string | undefined} {
	let command: string | undefined;
	let user: string | undefined;
	try {
		const argv = parseCmdline(readOnce(`${folder}/cmdline`, 'utf8'));
		command = argv.length > 0 ? argv.join(' ') : undefined;
	} catch {
		// Gone, or not ours to read: left out.
	}

	try {
		const status = parseStatus(readOnce(`${folder}/status`, 'utf8'));
		user = status === undefined ? undefined : userNames.nameOf(status.uid);
	} catch {
		// As above.
	}

	return {command, user};
}
