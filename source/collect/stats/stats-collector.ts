import {EventEmitter} from 'node:events';
import type {StatsSnapshot} from '../../model/daemon-stats.js';
import type {Installation} from '../../wazuh/installation.js';
import {type MonitorClock, systemClock} from '../clock.js';
import {delayUntil, nextSlot} from '../tick-schedule.js';
import {type Reading, SourceReader} from './source-reader.js';
import {statsSources} from './sources.js';

export type StatsCollectorOptions = {
	/** The installations whose daemons are asked (source/wazuh/installation.ts). */
	readonly installations: readonly Installation[];
	/** Seconds between rounds. Default 5, the daemons' own state interval. */
	readonly interval?: number;
	/** Only these daemons, by process name (`wazuh-analysisd`); default all of each installation. */
	readonly daemons?: readonly string[];
	/** The time of snapshots and of the rounds' schedule; timers run on real time. Default the system's. */
	readonly clock?: MonitorClock;
};

export type StatsCollectorEvents = {
	snapshot: [snapshot: StatsSnapshot];
	warning: [message: string];
};

/**
 * Asks every daemon of the installations for its own statistics, once per round, and emits one
 * frozen StatsSnapshot per round. All of a round's queries run at once, each within its deadline,
 * all I/O asynchronous: a hung daemon costs a socket for a second and delays nothing else. A round
 * that outlasts the interval makes the next one wait (rounds never overlap). A daemon that fails
 * is told once per episode: when it starts failing, again only after it recovered.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed events: the interface only narrows EventEmitter's methods
export class StatsCollector extends EventEmitter {
	/** The newest snapshot, once a round has run. */
	latest: StatsSnapshot | undefined;
	private readonly readers: SourceReader[];
	private readonly intervalMs: number;
	private readonly clock: MonitorClock;
	/** Aborted by stop(): every socket of the round under way is destroyed at once. */
	private stopping = new AbortController();
	private running = false;
	private timer: NodeJS.Timeout | undefined;
	private current: Promise<StatsSnapshot> | undefined;
	private origin = 0;
	private slot = 0;
	private round = 0;
	/** Daemons whose last reading failed (their warning given). */
	private readonly failing = new Set<SourceReader>();
	private deniedTold = false;

	constructor(options: StatsCollectorOptions) {
		super();
		const interval = options.interval ?? 5;
		if (!(interval > 0)) {
			throw new RangeError('interval must be positive');
		}

		this.intervalMs = interval * 1000;
		this.clock = options.clock ?? systemClock;
		const plans = options.installations.flatMap(installation => statsSources(installation));
		this.readers = plans
			.filter(plan => options.daemons === undefined || options.daemons.includes(plan.daemon))
			.map(plan => new SourceReader(plan));
	}

	/** The daemons asked, by process name, in the order of the snapshots. */
	get daemons(): readonly string[] {
		return this.readers.map(reader => reader.plan.daemon);
	}

	/** The first round at once, then one every interval. */
	start(): void {
		if (this.running) {
			return;
		}

		this.running = true;
		this.stopping = new AbortController();
		this.origin = this.clock.monotonic();
		this.slot = 0;
		this.schedule();
	}

	/** Ends the round under way (its sockets closed at once) and every timer; resolves when all is closed. */
	async stop(): Promise<void> {
		this.running = false;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.stopping.abort();
		await this.current?.catch(() => undefined);
	}

	/** Runs one round now (after the one under way, if any) and returns its snapshot, also emitted. */
	async roundNow(): Promise<StatsSnapshot> {
		if (!this.running && this.stopping.signal.aborted) {
			this.stopping = new AbortController();
		}

		return this.enqueue();
	}

	/** A round after the one under way: rounds never overlap, whoever asks for them. */
	private async enqueue(): Promise<StatsSnapshot> {
		const previous = this.current;
		const next = (async () => {
			await previous?.catch(() => undefined);
			return this.runRound();
		})();
		this.current = next;
		return next;
	}

	private schedule(): void {
		const elapsed = this.clock.monotonic() - this.origin;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			void this.enqueue().catch((error: unknown) => {
				this.emit('warning', `daemon statistics: a round failed: ${error instanceof Error ? error.message : String(error)}`);
			}).then(() => {
				if (this.running) {
					// The next slot on the grid; slots missed by a long round are skipped, never bunched.
					this.slot = nextSlot(this.slot, this.clock.monotonic() - this.origin, this.intervalMs);
					this.schedule();
				}
			});
		}, delayUntil(this.slot, elapsed, this.intervalMs));
	}

	private async runRound(): Promise<StatsSnapshot> {
		const time = this.clock.now();
		const signal = this.stopping.signal;
		const readings = await Promise.all(this.readers.map(async reader => reader.read(signal)));
		this.round++;
		const snapshot: StatsSnapshot = Object.freeze({
			round: this.round,
			time,
			daemons: Object.freeze(readings.map(reading => reading.stats)),
		});
		if (signal.aborted) {
			return snapshot; // Stopped: cut short, not told.
		}

		this.warn(readings);
		this.latest = snapshot;
		this.emit('snapshot', snapshot);
		return snapshot;
	}

	private warn(readings: readonly Reading[]): void {
		for (const [index, {stats, denied}] of readings.entries()) {
			const reader = this.readers[index]!;
			if (stats.up || stats.waiting === true) {
				this.failing.delete(reader);
				continue;
			}

			if (this.failing.has(reader)) {
				continue;
			}

			this.failing.add(reader);
			if (!denied) {
				this.emit('warning', `${stats.daemon} statistics: ${stats.problem ?? 'failed'}`);
			} else if (!this.deniedTold) {
				this.deniedTold = true;
				const group = reader.plan.installation.layout === 'manager-5' ? 'wazuh-manager' : 'wazuh';
				this.emit('warning', `daemon statistics need root or the ${group} group: ${stats.problem ?? 'permission denied'} (see docs/security.md)`);
			}
		}
	}
}

// Typed events on top of EventEmitter (Node 20's typings are not generic).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed events: the interface only narrows EventEmitter's methods
export interface StatsCollector {
	on<E extends keyof StatsCollectorEvents>(event: E, listener: (...args: StatsCollectorEvents[E]) => void): this;
	once<E extends keyof StatsCollectorEvents>(event: E, listener: (...args: StatsCollectorEvents[E]) => void): this;
	off<E extends keyof StatsCollectorEvents>(event: E, listener: (...args: StatsCollectorEvents[E]) => void): this;
	emit<E extends keyof StatsCollectorEvents>(event: E, ...args: StatsCollectorEvents[E]): boolean;
}
