import {Carry, jitter, loadFactor, QueueCycle} from './load.js';
import {DaemonModel, type ModelSetup} from './model.js';

/**
 * The 5.x engine (`wazuh-manager-analysisd`) as the demo simulates it: events in through its
 * server, through the router queue (which a periodic flood fills, like the 4.x syscheck queue), and
 * out to the indexer; the body of its `POST /metrics/dump` reply (Wazuh's
 * src/engine/source/proto/src/metrics.proto `Dump_Response`, the names of
 * fastmetrics/metric_names.hpp). The metrics' order is unspecified there; here it is fixed.
 */

type Metric = {name: string; type: 'counter' | 'pull'; enabled: boolean; value: number};

/** Events the router queue holds (the demo's choice: the engine's default is not documented). */
const routerCapacity = 16_384;
/** Bytes each limit allows (the demo's choice). */
const routerMaxBytes = 64 * 2 ** 20;
const indexerMaxBytes = 64 * 2 ** 20;
const eventBytes = 420;
const defaultRate = 50;
const defaultCycle = 100;
const windows = [['1m', 60], ['5m', 300], ['30m', 1800]] as const;

export class EngineModel extends DaemonModel {
	readonly #router: QueueCycle;
	readonly #counters = new Map<string, number>();
	/** Events processed in each of the last 30 minutes' seconds, newest last. */
	readonly #processedPerSecond: number[] = [];
	readonly #unclassified = new Carry();
	readonly #hits = new Carry();
	#lastBase = 0;
	#baseQueued = 0;
	#indexerBytes = 0;

	constructor(setup: ModelSetup) {
		super(setup);
		// The cycle's room is the queue's capacity: the engine's usage is size / (size + free slots).
		this.#router = new QueueCycle(routerCapacity + 1, setup.stats.queueCycle ?? defaultCycle, this.noise);
	}

	#add(name: string, amount: number): void {
		this.#counters.set(name, (this.#counters.get(name) ?? 0) + amount);
	}

	#get(name: string): number {
		return this.#counters.get(name) ?? 0;
	}

	protected step(second: number): void {
		const base = Math.round(jitter(this.noise, (this.setup.stats.rate ?? defaultRate) * loadFactor(this.setup.shape, second), 0.1));
		const flood = this.#router.step(second);
		const arrived = base + flood.inflow;
		this.#add('server.events.received', arrived);
		this.#add('server.bytes.received', Math.round(arrived * jitter(this.noise, eventBytes, 0.3)));
		// The steady flow waits about a second in the router queue; the flood waits its turn.
		const processed = this.#lastBase + flood.served;
		this.#lastBase = base;
		this.#baseQueued = Math.round(base / 20);
		this.#add('router.events.processed', processed);
		this.#add('router.events.dropped', flood.dropped);
		this.#processedPerSecond.push(processed);
		if (this.#processedPerSecond.length > 1800) {
			this.#processedPerSecond.shift();
		}

		if (second === 0) {
			this.#add('agent.cache.insertions', 100);
		}

		this.#add('agent.cache.hits', this.#hits.take(arrived * 0.999));
		this.#add('agent.cache.updates', this.noise() < 0.01 ? 1 : 0);
		this.#add('space.standard.events.unclassified', this.#unclassified.take(processed * 0.0004));
		this.#indexerBytes = Math.round(processed * eventBytes * jitter(this.noise, 0.3, 0.5));
	}

	#rate(seconds: number): number {
		const last = this.#processedPerSecond.slice(-seconds);
		return last.length === 0 ? 0 : last.reduce((sum, each) => sum + each, 0) / last.length;
	}

	#metrics(): {global: Metric[]; standard: Metric[]} {
		const queued = Math.min(routerCapacity, this.#router.elements + this.#baseQueued);
		const counter = (name: string): Metric => ({name, type: 'counter', enabled: true, value: this.#get(name)});
		const pull = (name: string, value: number): Metric => ({name, type: 'pull', enabled: true, value});
		const global = [
			counter('router.events.processed'),
			counter('server.bytes.received'),
			pull('router.queue.size', queued),
			pull('router.queue.usage.percent', queued * 100 / routerCapacity),
			pull('router.queue.bytes.used', queued * eventBytes),
			pull('router.queue.bytes.usage.percent', queued * eventBytes * 100 / routerMaxBytes),
			counter('router.events.dropped'),
			...windows.map(([window, seconds]) => pull(`router.eps.${window}`, this.#rate(seconds))),
			counter('server.events.received'),
			pull('indexer.queue.size', this.#indexerBytes),
			pull('indexer.events.dropped', 0),
			pull('indexer.queue.usage.percent', this.#indexerBytes * 100 / indexerMaxBytes),
			pull('agent.cache.entries', 100),
			counter('agent.cache.hits'),
			counter('agent.cache.insertions'),
			counter('agent.cache.updates'),
			counter('agent.cache.evictions'),
		];
		const standard = ['events.unclassified', 'events.discarded', 'events.discarded.prefilter', 'events.discarded.postfilter']
			.map(name => ({...counter(`space.standard.${name}`), name}));
		return {global, standard};
	}

	/** The body of `POST /metrics/dump`'s reply: one line, ISO 8601 times in UTC with milliseconds. */
	dump(now: number): string {
		this.advanceTo(now);
		const {global, standard} = this.#metrics();
		return JSON.stringify({
			status: 'OK',
			name: 'wazuh-manager-analysisd',
			uptime: new Date(this.setup.started).toISOString(),
			timestamp: new Date(now).toISOString(),
			global,
			spaces: [{name: 'standard', metrics: standard}],
		});
	}
}
