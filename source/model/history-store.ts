import type {StatsSnapshot} from './daemon-stats.js';
import {type HistoryMetric, historyMetrics} from './process-metrics.js';
import {type DaemonLoad, StatsRates} from './stats-rates.js';
import type {DiskSnapshot, ProcessSample, Snapshot, ThreadList} from './snapshot.js';
import type {Notice, RecorderProgress, SessionFeed} from './feed.js';
import {daemonTotals} from './daemon-totals.js';
import {RingBuffer} from './ring-buffer.js';

/**
 * The series held per process role: the registry's history metrics, and the PID (restarts show on
 * the charts where it changes).
 */
export type HistorySeries = HistoryMetric | 'pid';

/**
 * The series held per daemon from its own statistics, one point per process tick (the load in
 * effect then): its main rate (events, messages or queries per second, `loadRate`), its drops per
 * second, and its fullest queue's fill 0..1.
 */
export type StatsSeries = 'loadRate' | 'dropRate' | 'queueFill';

/** A daemon's main rate: what its load is counted in. */
function loadRate(load: DaemonLoad): number | undefined {
	const {values} = load;
	return values.eventsReceived ?? values.messagesReceived ?? values.queries ?? values.logEvents ?? values.agentMessagesSent;
}

/** A daemon's drops per second, whatever it drops. */
function dropRate(load: DaemonLoad): number | undefined {
	const {values} = load;
	return values.eventsDropped ?? values.messagesDiscarded ?? values.logDrops;
}
const heldSeries: readonly HistorySeries[] = [...historyMetrics, 'pid'];

export type TimedNotice = Notice & {
	/** Process tick count when it arrived, to fade old notices out. */
	readonly tick: number;
};

/** The history name of a daemon's total (its own process and children summed); no role is named so. */
export function totalRole(daemon: string): string {
	return `Σ ${daemon}`;
}

/** Everything the screen shows, immutable: a new object (and version) per change. */
export type ViewState = {
	readonly revision: number;
	/** Latest process snapshot shown (frozen while paused). */
	readonly snapshot: Snapshot | undefined;
	readonly disk: DiskSnapshot | undefined;
	/** History position one past the newest process tick shown (frozen while paused). */
	readonly processEnd: number;
	readonly diskEnd: number;
	/** Live even while paused: recording never pauses and the header says so. */
	readonly recording: RecorderProgress | undefined;
	readonly notices: readonly TimedNotice[];
	/** Live process tick count, for the age of notices. */
	readonly liveTick: number;
	/** Each daemon's load from its own statistics, by process name (empty without them). */
	readonly loads: ReadonlyMap<string, DaemonLoad>;
	/**
	 * The threads of the process whose threads were asked for (the detail view's), as the shown
	 * snapshot lists them; undefined when it lists none (none asked for, a replay).
	 */
	readonly threads: ThreadList | undefined;
	readonly paused: boolean;
	readonly allGivenUp: boolean;
	/** Set when browsing a recording (`wazuh-metrics replay`): where the cursor is. */
	readonly replay?: ReplayStatus;
};

export type ReplayStatus = {
	/** 0-based tick of the cursor, of `count`. */
	readonly index: number;
	readonly count: number;
	readonly playing: boolean;
	/** Recorded seconds per second while playing. */
	readonly speed: number;
	/** The `b` prompt's text while it is open. */
	readonly prompt: string | undefined;
	/** One line about the last prompt (a time it could not read). */
	readonly message: string | undefined;
	/** The folder is still being recorded (rows came in the last seconds). */
	readonly live: boolean;
	/** The cursor is on the newest tick of a live folder and moves with the new ones. */
	readonly following: boolean;
};

export type HistoryStoreOptions = {
	/** Points a view reads per series: the window (default 3600: an hour at 1 s). */
	readonly capacity?: number;
	/**
	 * Points held beyond the window (default 0). Replay holds some, so a cursor moved back shows an
	 * earlier tick with its whole window (`showAt`) instead of rebuilding an hour of history.
	 */
	readonly slack?: number;
	/** Most notices kept (default 50). */
	readonly maxNotices?: number;
	/** Most process roles kept; beyond it the longest-absent ones are dropped (default 500). */
	readonly maxRoles?: number;
	/** How change notifications are deferred so one burst of events makes one render. */
	readonly schedule?: (flush: () => void) => void;
};

type RoleHistory = {
	readonly series: Record<HistorySeries, RingBuffer>;
	/** Tick count after the last tick it was seen on. */
	lastSeen: number;
	/** Wall-clock ms of the first tick it was seen on (where a warm-up counts from). */
	readonly firstTime: number;
};

type PathHistory = {readonly sizes: RingBuffer; lastSeen: number};

/**
 * History of every process role and disk path, fed by the session feed, plus the latest state for
 * the screen. Each series is a ring buffer aligned on the tick count, with NaN when a role was
 * absent; a role (or path) absent for all the ticks held (the window and its slack) holds only gaps
 * and is dropped, so memory is bounded by `held` x roles seen within it (and by `maxRoles`), however
 * long the session runs.
 *
 * `subscribe`/`getSnapshot` follow the `useSyncExternalStore` contract.
 */
export class HistoryStore {
	readonly capacity: number;
	/** Points held per series: the window and the slack behind it. */
	readonly held: number;
	private readonly maxNotices: number;
	private readonly maxRoles: number;
	private readonly schedule: (flush: () => void) => void;
	private readonly roles = new Map<string, RoleHistory>();
	/** Daemon totals by `totalRole` name. */
	private readonly totals = new Map<string, RoleHistory>();
	private readonly paths = new Map<string, PathHistory>();
	/** Each daemon's statistics series, by process name, aligned on the process ticks. */
	private readonly stats = new Map<string, Record<StatsSeries, RingBuffer>>();
	private rates = new StatsRates();
	/** Wall-clock times of the process ticks; its end is the tick count every role series lines up on. */
	private processTimes: RingBuffer;
	private diskTimeline: RingBuffer;
	private readonly listeners = new Set<() => void>();
	private view: ViewState;
	private latest: {snapshot: Snapshot | undefined; disk: DiskSnapshot | undefined} = {snapshot: undefined, disk: undefined};
	private flushPending = false;

	constructor(options: HistoryStoreOptions = {}) {
		this.capacity = options.capacity ?? 3600;
		this.held = this.capacity + (options.slack ?? 0);
		this.maxNotices = options.maxNotices ?? 50;
		this.maxRoles = options.maxRoles ?? 500;
		this.schedule = options.schedule ?? queueMicrotask;
		this.processTimes = new RingBuffer(this.held);
		this.diskTimeline = new RingBuffer(this.held);
		this.view = {
			revision: 0,
			snapshot: undefined,
			disk: undefined,
			processEnd: 0,
			diskEnd: 0,
			recording: undefined,
			notices: [],
			liveTick: 0,
			loads: new Map(),
			threads: undefined,
			paused: false,
			allGivenUp: false,
		};
	}

	/** Listens to the feed; returns the function that stops listening. */
	attach(feed: SessionFeed): () => void {
		const onSnapshot = (snapshot: Snapshot) => {
			this.addSnapshot(snapshot);
		};

		const onDisk = (snapshot: DiskSnapshot) => {
			this.addDisk(snapshot);
		};

		const onStats = (snapshot: StatsSnapshot) => {
			this.addStats(snapshot);
		};

		const onRecording = (status: RecorderProgress) => {
			this.setRecording(status);
		};

		const onNotice = (notice: Notice) => {
			this.addNotice(notice);
		};

		const onGivenUp = () => {
			this.setAllGivenUp();
		};

		feed.on('snapshot', onSnapshot);
		feed.on('disk', onDisk);
		feed.on('stats', onStats);
		feed.on('recording', onRecording);
		feed.on('notice', onNotice);
		feed.on('all-given-up', onGivenUp);
		return () => {
			feed.off('snapshot', onSnapshot);
			feed.off('disk', onDisk);
			feed.off('stats', onStats);
			feed.off('recording', onRecording);
			feed.off('notice', onNotice);
			feed.off('all-given-up', onGivenUp);
		};
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	readonly getSnapshot = (): ViewState => this.view;

	addSnapshot(snapshot: Snapshot): void {
		const tick = this.processTimes.end;
		this.pushSamples(this.roles, snapshot.samples, tick, snapshot.time);
		// Each daemon's total has a history of its own (`totalRole`), so the growth of what a daemon
		// costs in all can be measured; at most one per daemon, outside the role limit.
		this.pushSamples(this.totals, [...daemonTotals(snapshot).values()].map(total => ({...total.sample, role: totalRole(total.daemon)})), tick, snapshot.time);
		this.pushStats(tick);
		this.processTimes.push(snapshot.time);
		this.trimRoles();
		this.latest = {...this.latest, snapshot};
		this.update(view => view.paused ? {liveTick: tick + 1} : {snapshot, threads: snapshot.threadList, processEnd: tick + 1, liveTick: tick + 1});
	}

	addDisk(snapshot: DiskSnapshot): void {
		const tick = this.diskTimeline.end;
		const seen = new Set<string>();
		for (const sample of snapshot.samples) {
			if (seen.has(sample.path)) {
				continue;
			}

			seen.add(sample.path);
			let history = this.paths.get(sample.path);
			if (!history) {
				history = {sizes: new RingBuffer(this.held, tick), lastSeen: tick};
				this.paths.set(sample.path, history);
			}

			history.sizes.push(sample.exists ? sample.size : undefined);
			history.lastSeen = tick + 1;
		}

		for (const [name, history] of this.paths) {
			if (!seen.has(name)) {
				history.sizes.push(undefined);
				if (tick + 1 - history.lastSeen >= this.held) {
					this.paths.delete(name);
				}
			}
		}

		this.diskTimeline.push(snapshot.time);
		this.latest = {...this.latest, disk: snapshot};
		this.update(view => view.paused ? {} : {disk: snapshot, diskEnd: tick + 1});
	}

	/** A round of the daemons' statistics: their loads now (shown at the next process tick too). */
	addStats(snapshot: StatsSnapshot): void {
		for (const stats of snapshot.daemons) {
			this.rates.add(stats);
		}

		const loads = new Map(this.rates.current());
		this.update(view => view.paused ? {} : {loads});
	}

	/**
	 * Shows the loads of readings other than the newest (replay's cursor moved back within what the
	 * store holds): rates over these readings alone, oldest first; the store's own sequence stays.
	 */
	showLoads(readings: readonly StatsSnapshot[]): void {
		const rates = new StatsRates();
		for (const snapshot of readings) {
			for (const stats of snapshot.daemons) {
				rates.add(stats);
			}
		}

		const loads = new Map(rates.current());
		this.update(() => ({loads}));
	}

	setRecording(recording: RecorderProgress): void {
		this.update(() => ({recording}));
	}

	addNotice(notice: Notice): void {
		const timed: TimedNotice = {...notice, tick: this.processTimes.end};
		this.update(view => ({notices: [...view.notices, timed].slice(-this.maxNotices)}));
	}

	/**
	 * Forgets every history (replay moves its cursor back by refilling the store from there); the
	 * replay status and notices stay.
	 */
	reset(): void {
		this.roles.clear();
		this.totals.clear();
		this.paths.clear();
		this.stats.clear();
		this.rates = new StatsRates();
		this.processTimes = new RingBuffer(this.held);
		this.diskTimeline = new RingBuffer(this.held);
		this.latest = {snapshot: undefined, disk: undefined};
		this.update(() => ({snapshot: undefined, threads: undefined, disk: undefined, processEnd: 0, diskEnd: 0, liveTick: 0, loads: new Map(), paused: false}));
	}

	/** Oldest process tick position still held. */
	get processHeldFrom(): number {
		return this.processTimes.start;
	}

	/** Disk ticks added so far (the position the next one takes). */
	get diskAdded(): number {
		return this.diskTimeline.end;
	}

	/**
	 * Shows an earlier tick already held (replay's cursor moved back), or a later one again: the
	 * view reads every series up to `processEnd`, as it did when that tick was the newest. The
	 * caller keeps `processEnd - capacity` at or after `processHeldFrom`, so the window is whole.
	 */
	showAt(position: {readonly snapshot: Snapshot; readonly processEnd: number; readonly disk: DiskSnapshot | undefined; readonly diskEnd: number}): void {
		const {snapshot, processEnd, disk, diskEnd} = position;
		this.update(() => ({snapshot, threads: snapshot.threadList, processEnd, disk, diskEnd}));
	}

	setReplay(replay: ReplayStatus): void {
		this.update(() => ({replay}));
	}

	setAllGivenUp(): void {
		this.update(() => ({allGivenUp: true}));
	}

	/** Space: freezes what is shown; history keeps recording underneath. Unpausing jumps to now. */
	togglePause(): void {
		this.update(view => view.paused
			? {
				paused: false,
				snapshot: this.latest.snapshot,
				threads: this.latest.snapshot?.threadList,
				disk: this.latest.disk,
				processEnd: this.processTimes.end,
				diskEnd: this.diskTimeline.end,
				loads: new Map(this.rates.current()),
			}
			: {paused: true});
	}

	/** The `count` values of a role's metric ending before `end`, oldest first, NaN for gaps. */
	series(role: string, metric: HistorySeries, count: number, end: number): Float64Array {
		const history = this.roles.get(role) ?? this.totals.get(role);
		return history ? history.series[metric].read(count, end) : new Float64Array(Math.max(0, count)).fill(Number.NaN);
	}

	/** Wall-clock ms of the first tick a role (or a daemon's total) is held from; undefined when none is held. */
	firstSeen(role: string): number | undefined {
		return (this.roles.get(role) ?? this.totals.get(role))?.firstTime;
	}

	/** The `count` points of a daemon's statistics series ending before `end` (process ticks), NaN where unknown. */
	statsSeries(daemon: string, series: StatsSeries, count: number, end: number): Float64Array {
		const history = this.stats.get(daemon);
		return history ? history[series].read(count, end) : new Float64Array(Math.max(0, count)).fill(Number.NaN);
	}

	diskSizes(path: string, count: number, end: number): Float64Array {
		const history = this.paths.get(path);
		return history ? history.sizes.read(count, end) : new Float64Array(Math.max(0, count)).fill(Number.NaN);
	}

	/** Wall-clock ms of the `count` process ticks ending before `end`, oldest first, NaN before the first. */
	processTimeline(count: number, end: number): Float64Array {
		return this.processTimes.read(count, end);
	}

	diskTimes(count: number, end: number): Float64Array {
		return this.diskTimeline.read(count, end);
	}

	/** Process roles currently held, daemon totals not counted (for tests and diagnostics). */
	get roleCount(): number {
		return this.roles.size;
	}

	/** One tick of samples into `histories`, keyed by sample name; absent ones get a gap. */
	private pushSamples(histories: Map<string, RoleHistory>, samples: readonly ProcessSample[], tick: number, time: number): void {
		const seen = new Set<string>();
		for (const sample of samples) {
			let role = histories.get(sample.role);
			if (!role) {
				role = this.createRole(tick, time);
				histories.set(sample.role, role);
			}

			// A role reported twice in one tick (should not happen) must not shift its series.
			if (seen.has(sample.role)) {
				continue;
			}

			seen.add(sample.role);
			for (const metric of heldSeries) {
				role.series[metric].push(sample[metric]);
			}

			role.lastSeen = tick + 1;
		}

		for (const [name, role] of histories) {
			if (seen.has(name)) {
				continue;
			}

			// Keeps every series aligned on the tick count: absence is a gap.
			for (const metric of heldSeries) {
				role.series[metric].push(undefined);
			}

			if (tick + 1 - role.lastSeen >= this.held) {
				histories.delete(name);
			}
		}
	}

	private createRole(tick: number, firstTime: number): RoleHistory {
		const series = {} as Record<HistorySeries, RingBuffer>;
		for (const metric of heldSeries) {
			series[metric] = new RingBuffer(this.held, tick);
		}

		return {series, lastSeen: tick, firstTime};
	}

	/** Each daemon's load in effect at this process tick, as a point of its series. */
	private pushStats(tick: number): void {
		const loads = this.rates.current();
		for (const daemon of loads.keys()) {
			if (!this.stats.has(daemon)) {
				this.stats.set(daemon, {loadRate: new RingBuffer(this.held, tick), dropRate: new RingBuffer(this.held, tick), queueFill: new RingBuffer(this.held, tick)});
			}
		}

		for (const [daemon, series] of this.stats) {
			const load = loads.get(daemon);
			const up = load?.up === true;
			series.loadRate.push(up ? loadRate(load) : undefined);
			series.dropRate.push(up ? dropRate(load) : undefined);
			series.queueFill.push(up ? load.fullest?.usage : undefined);
		}
	}

	/** A daemon spawning short-lived children under ever new names must not grow memory without bound. */
	private trimRoles(): void {
		if (this.roles.size <= this.maxRoles) {
			return;
		}

		const byAge = [...this.roles].sort((a, b) => a[1].lastSeen - b[1].lastSeen);
		for (const [name] of byAge.slice(0, this.roles.size - this.maxRoles)) {
			this.roles.delete(name);
		}
	}

	private update(change: (view: ViewState) => Partial<Omit<ViewState, 'version'>>): void {
		this.view = {...this.view, ...change(this.view), revision: this.view.revision + 1};
		if (this.flushPending) {
			return;
		}

		this.flushPending = true;
		this.schedule(() => {
			this.flushPending = false;
			for (const listener of this.listeners) {
				listener();
			}
		});
	}
}
