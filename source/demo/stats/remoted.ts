import {Carry, jitter, loadFactor} from './load.js';
import {DaemonModel, type ModelSetup, okReply} from './model.js';
import {Counters, leaves, renderTree, type Tree} from './tree.js';

/**
 * wazuh-remoted as the demo simulates it: about 100 agents connected over TCP, each sending a
 * keepalive every 10 s, and a flow of events. The getstats trees of 4.13/4.14 and 5.x (Wazuh's
 * src/remoted/state.c, `rem_create_state_json`); the 4.x state file is in state-files.ts.
 */

export type RemotedVersion = 4 | 5;

const trees: Record<RemotedVersion, Tree> = {
	4: {
		bytes: leaves('received sent'),
		keys_reload_count: 0,
		messages: {
			received_breakdown: {control: 'control_breakdown', control_breakdown: leaves('keepalive request shutdown startup'), ...leaves('dequeued_after discarded event ping unknown')},
			sent_breakdown: leaves('ack ar discarded request sca shared'),
		},
		queues: {received: leaves('size usage')},
		tcp_sessions: 0,
		control_messages_queue_usage: 0,
		control_messages_queue_breakdown: leaves('inserted replaced processed'),
	},
	5: {
		bytes: leaves('received sent'),
		keys_reload_count: 0,
		messages: {
			received_breakdown: {control: 'control_breakdown', control_breakdown: leaves('keepalive request shutdown startup'), ...leaves('events_failed dequeued_after discarded events states ping unknown upgrade_ack')},
			sent_breakdown: leaves('ack ar discarded request shared'),
		},
		queues: {received: leaves('size usage')},
		tcp_sessions: 0,
		control_messages_queue_usage: 0,
		control_messages_queue_breakdown: leaves('inserted replaced processed'),
	},
};

/** 4.x: `<remote><queue_size>`'s default, in messages. 5.x counts bytes: a 256 MiB limit. */
const remotedQueueSize: Record<RemotedVersion, number> = {4: 131_072, 5: 268_435_456};
const defaultRate = 40;
const received = 'messages.received_breakdown.';
const sent = 'messages.sent_breakdown.';

export class RemotedModel extends DaemonModel {
	readonly counters = new Counters();
	readonly version: RemotedVersion;
	#sessions = 100;
	readonly #keepalives = new Carry();
	readonly #events = new Carry();
	/** Control messages waiting in their queue since the last second. */
	#controlQueued = 0;
	/** Event messages waiting in the input queue. */
	#queued = 0;

	constructor(setup: ModelSetup, version: RemotedVersion) {
		super(setup);
		this.version = version;
	}

	protected step(second: number): void {
		const {counters} = this;
		const change = this.noise();
		const startup = change < 0.03 && this.#sessions < 110 ? 1 : 0;
		const shutdown = change > 0.97 && this.#sessions > 90 ? 1 : 0;
		this.#sessions += startup - shutdown;
		const keepalive = this.#keepalives.take(jitter(this.noise, this.#sessions / 10, 0.2));
		const request = this.noise() < 0.01 ? 1 : 0;
		const control = keepalive + startup + shutdown + request;
		const events = this.#events.take(jitter(this.noise, (this.setup.stats.rate ?? defaultRate) * loadFactor(this.setup.shape, second), 0.1));
		counters.add(`${received}control_breakdown.keepalive`, keepalive);
		counters.add(`${received}control_breakdown.startup`, startup);
		counters.add(`${received}control_breakdown.shutdown`, shutdown);
		counters.add(`${received}control_breakdown.request`, request);
		counters.add(received + (this.version === 4 ? 'event' : 'events'), events);
		counters.add('bytes.received', Math.round((events * jitter(this.noise, 380, 0.3)) + (control * 700)));
		const shared = this.noise() < 0.005 ? 1 : 0;
		counters.add(`${sent}ack`, keepalive + startup);
		counters.add(`${sent}shared`, shared);
		counters.add(`${sent}request`, request);
		counters.add('bytes.sent', ((keepalive + startup) * 60) + (shared * 4096) + (request * 150));
		counters.set('tcp_sessions', this.#sessions);
		if (second > 0 && second % 900 === 0) {
			counters.add('keys_reload_count', 1);
		}

		// A keepalive now and then replaces one of the same agent still queued.
		const replaced = control > 1 && this.noise() < 0.05 ? 1 : 0;
		counters.add('control_messages_queue_breakdown.inserted', control);
		counters.add('control_messages_queue_breakdown.replaced', replaced);
		counters.add('control_messages_queue_breakdown.processed', this.#controlQueued);
		this.#controlQueued = control - replaced;
		counters.set('control_messages_queue_usage', this.#controlQueued);
		this.#queued = Math.round(events / 50);
	}

	/** The input queue: 4.x in messages, 5.x in bytes. */
	get queue(): {size: number; usage: number} {
		return {size: remotedQueueSize[this.version], usage: this.version === 4 ? this.#queued : this.#queued * 400};
	}

	getstats(now: number): string {
		this.advanceTo(now);
		const values = new Map(this.counters.values);
		values.set('queues.received.size', this.queue.size);
		values.set('queues.received.usage', this.queue.usage);
		return okReply(this, 'wazuh-remoted', now, renderTree(trees[this.version], values));
	}
}
