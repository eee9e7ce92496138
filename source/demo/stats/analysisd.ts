import {Carry, jitter, loadFactor, QueueCycle, queueUsage} from './load.js';
import {DaemonModel, type ModelSetup, okReply} from './model.js';
import {Counters, leaves, renderTree, type Tree} from './tree.js';

/**
 * wazuh-analysisd 4.x as the demo simulates it: the getstats tree of 4.8 to 4.14 (Wazuh's
 * src/analysisd/state.c, `asys_create_state_json`; no `eps` object: no EPS limit configured) and the
 * figures its state file shows (state-files.ts).
 */

/** The decoded and dropped breakdowns share this tree. */
const breakdown: Tree = {
	...leaves('agent agentless dbsync'),
	integrations_breakdown: leaves('virustotal'),
	modules_breakdown: {
		...leaves('aws azure ciscat command docker gcp github'),
		logcollector_breakdown: leaves('eventchannel eventlog macos others'),
		...leaves('office365 ms-graph oscap osquery rootcheck sca syscheck syscollector upgrade vulnerability'),
	},
	...leaves('monitor remote syslog'),
};

const analysisdQueues = ['alerts', 'archives', 'dbsync', 'eventchannel', 'firewall', 'fts', 'hostinfo', 'others', 'processed', 'rootcheck', 'sca', 'stats', 'syscheck', 'syscollector', 'upgrade'] as const;
type QueueName = typeof analysisdQueues[number];

const tree: Tree = {
	bytes: leaves('received'),
	events: {
		...leaves('processed received'),
		received_breakdown: {decoded_breakdown: breakdown, dropped_breakdown: breakdown},
		written_breakdown: leaves('alerts archives firewall fts stats'),
	},
	queues: Object.fromEntries(analysisdQueues.map(queue => [queue, leaves('size usage')])),
};

export const decodedPath = 'events.received_breakdown.decoded_breakdown.';
export const droppedPath = 'events.received_breakdown.dropped_breakdown.';

/** Where the steady flow of events comes from (share of the rate), and the queue it waits in. */
const sources: ReadonlyArray<readonly [string, number, QueueName?]> = [
	['modules_breakdown.logcollector_breakdown.others', 0.7, 'others'],
	['modules_breakdown.syscollector', 0.12, 'syscollector'],
	['dbsync', 0.06, 'dbsync'],
	['modules_breakdown.logcollector_breakdown.eventchannel', 0.05, 'eventchannel'],
	['modules_breakdown.sca', 0.03, 'sca'],
	['modules_breakdown.rootcheck', 0.015, 'rootcheck'],
	['agent', 0.01],
	['monitor', 0.005],
	['modules_breakdown.command', 0.005],
	['remote', 0.005],
];

/** `analysisd.*_queue_size` in Wazuh's etc/internal_options.conf. */
const analysisdQueueSize = 16_384;
const defaultRate = 50;
const defaultCycle = 100;

export class AnalysisdModel extends DaemonModel {
	readonly counters = new Counters();
	/** Elements in each queue now (the syscheck queue is the cycle's). */
	readonly #queued = new Map<QueueName, number>();
	readonly #syscheck: QueueCycle;
	readonly #carries = sources.map(() => new Carry());
	readonly #alerts = new Carry();
	readonly #fts = new Carry();
	#decodedLastSecond = 0;

	constructor(setup: ModelSetup) {
		super(setup);
		this.#syscheck = new QueueCycle(analysisdQueueSize, setup.stats.queueCycle ?? defaultCycle, this.noise);
	}

	protected step(second: number): void {
		const {counters} = this;
		const base = jitter(this.noise, (this.setup.stats.rate ?? defaultRate) * loadFactor(this.setup.shape, second), 0.1);
		let arrived = 0;
		let decoded = 0;
		this.#queued.clear();
		for (const [index, [source, share, queue]] of sources.entries()) {
			const count = this.#carries[index]?.take(base * share) ?? 0;
			counters.add(decodedPath + source, count);
			arrived += count;
			decoded += count;
			if (queue) {
				// About a quarter of a second's events wait in their decoder's queue.
				this.#queued.set(queue, Math.round(count / 4));
			}
		}

		const scan = this.#syscheck.step(second);
		counters.add(`${decodedPath}modules_breakdown.syscheck`, scan.served);
		counters.add(`${droppedPath}modules_breakdown.syscheck`, scan.dropped);
		this.#queued.set('syscheck', this.#syscheck.elements);
		arrived += scan.inflow;
		decoded += scan.served;
		counters.add('events.received', arrived);
		counters.add('bytes.received', Math.round(arrived * jitter(this.noise, 420, 0.3)));
		// Rule matching runs a second behind decoding.
		const matched = this.#decodedLastSecond;
		this.#decodedLastSecond = decoded;
		counters.add('events.processed', matched);
		this.#queued.set('processed', Math.round(decoded / 10));
		const alerts = this.#alerts.take(matched * 0.004);
		counters.add('events.written_breakdown.alerts', alerts);
		counters.add('events.written_breakdown.fts', this.#fts.take(matched * 0.0002));
		this.#queued.set('alerts', alerts);
	}

	/** Elements queued and capacity of a queue, as getstats reports them. */
	queue(name: QueueName): {size: number; usage: number} {
		return {size: analysisdQueueSize, usage: queueUsage(this.#queued.get(name) ?? 0, analysisdQueueSize)};
	}

	getstats(now: number): string {
		this.advanceTo(now);
		const values = new Map(this.counters.values);
		for (const name of analysisdQueues) {
			const {size, usage} = this.queue(name);
			values.set(`queues.${name}.size`, size);
			values.set(`queues.${name}.usage`, usage);
		}

		return okReply(this, 'wazuh-analysisd', now, renderTree(tree, values));
	}
}
