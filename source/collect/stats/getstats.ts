import {defined, flatten, isObject, leafSum, nodeAt, numberAt, ratio} from './json-tree.js';
import {frozen, type ParsedStats, parseJson, StatsFormatError} from './parsed-stats.js';

/*
 * The `getstats` replies of analysisd, remoted and wazuh-db (Wazuh 4.4 and later; remoted and
 * wazuh-db on 5.x too), normalised. The envelope is built by Wazuh's src/analysisd/asyscom.c,
 * src/remoted/remcom.c and src/wazuh_db/wdb_com.c: `{"error":0,"message":"ok","data":{uptime,
 * timestamp, name, metrics}}`, where `uptime` is the epoch second the daemon started and
 * `timestamp` the epoch second of the reply.
 */

/** The daemons that answer `getstats`. */
export type GetstatsKind = 'analysisd' | 'remoted' | 'wazuh-db';

/** The request, the same for all three (Wazuh's framework/wazuh/core/wazuh_socket.py builds it so). */
export const getstatsRequest = '{"version":1,"origin":{"module":"wazuh-metrics"},"command":"getstats"}';

/** The `data` object of a successful reply; a StatsFormatError otherwise. */
function replyData(text: string): {data: Record<string, unknown>; metrics: unknown} {
	const reply = parseJson(text, 'the reply');
	if (!isObject(reply)) {
		throw new StatsFormatError('the reply is not a JSON object');
	}

	if (reply.error !== 0) {
		const message = typeof reply.message === 'string' ? `: ${reply.message.slice(0, 80)}` : '';
		throw new StatsFormatError(`the daemon answered error ${String(reply.error).slice(0, 20)}${message}`);
	}

	if (!isObject(reply.data) || !isObject(reply.data.metrics)) {
		throw new StatsFormatError('the reply has no metrics');
	}

	return {data: reply.data, metrics: reply.data.metrics};
}

const seconds = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined);

/**
 * analysisd (Wazuh's src/analysisd/state.c, `asys_create_state_json`): events received and
 * processed, drops summed over `received_breakdown.dropped_breakdown` (the sum Wazuh writes as
 * the state file's `events_dropped`), and each queue's `usage`, already a fraction of its size.
 */
function analysisd(metrics: unknown): Pick<ParsedStats, 'values' | 'queues' | 'format'> {
	const queues: Record<string, number> = {};
	const queueTree = nodeAt(metrics, 'queues');
	if (isObject(queueTree)) {
		for (const name of Object.keys(queueTree)) {
			const usage = numberAt(queueTree, `${name}.usage`);
			if (usage !== undefined) {
				queues[name] = usage;
			}
		}
	}

	// ms-graph arrived in 4.6; the eps block (only with <limits><eps>) grew two keys in 4.8.
	const format = numberAt(metrics, 'eps.available_credits_prev') === undefined
		? (nodeAt(metrics, 'events.received_breakdown.decoded_breakdown.modules_breakdown.ms-graph') === undefined ? '4.4' : '4.6')
		: '4.8';
	return {
		values: defined({
			eventsReceived: numberAt(metrics, 'events.received'),
			eventsProcessed: numberAt(metrics, 'events.processed'),
			eventsDropped: leafSum(metrics, 'events.received_breakdown.dropped_breakdown'),
		}),
		queues,
		format,
	};
}

/**
 * remoted (Wazuh's src/remoted/state.c, `rem_create_state_json`): event messages (`event`, renamed
 * `events` on 5.x), discarded messages, TCP sessions, and the received queue, whose `usage` is a
 * count of its `size` (messages in 4.x, bytes on 5.x, where a size of 0 means unlimited).
 */
function remoted(metrics: unknown): Pick<ParsedStats, 'values' | 'queues' | 'format'> {
	const received = 'messages.received_breakdown';
	const fiveX = nodeAt(metrics, `${received}.events`) !== undefined;
	const fill = ratio(numberAt(metrics, 'queues.received.usage'), numberAt(metrics, 'queues.received.size'));
	return {
		values: defined({
			messagesReceived: numberAt(metrics, `${received}.${fiveX ? 'events' : 'event'}`),
			messagesDiscarded: numberAt(metrics, `${received}.discarded`),
			tcpSessions: numberAt(metrics, 'tcp_sessions'),
		}),
		queues: fill === undefined ? {} : {received: fill},
		// 4.13 added the control messages queue.
		format: fiveX ? '5' : (nodeAt(metrics, 'control_messages_queue_usage') === undefined ? '4.4' : '4.13'),
	};
}

/**
 * wazuh-db (Wazuh's src/wazuh_db/wdb_state.c, `wdb_create_state_json`): queries received, and the
 * time spent executing them, kept by Wazuh in milliseconds.
 */
function wazuhDb(metrics: unknown): Pick<ParsedStats, 'values' | 'queues' | 'format'> {
	const execution = numberAt(metrics, 'time.execution');
	const agentTables = 'queries.received_breakdown.agent_breakdown.tables';
	let format: string;
	if (nodeAt(metrics, agentTables) === undefined) {
		format = '5'; // 5.x has no agent databases in wazuh-db.
	} else if (nodeAt(metrics, `${agentTables}.vulnerability`) === undefined) {
		// 4.8 dropped the vulnerability table; 4.14 added syscollector_users and others.
		format = nodeAt(metrics, `${agentTables}.syscollector.syscollector_users`) === undefined ? '4.8' : '4.14';
	} else {
		format = nodeAt(metrics, `${agentTables}.syscheck.fim_registry_key`) === undefined ? '4.4' : '4.6';
	}

	return {
		values: defined({
			queries: numberAt(metrics, 'queries.received'),
			querySeconds: execution === undefined ? undefined : execution / 1000,
		}),
		queues: {},
		format,
	};
}

const byKind = {analysisd, remoted, 'wazuh-db': wazuhDb} as const;

/**
 * A `getstats` reply of `kind`, normalised. Throws a NotJsonError when it is not JSON (a 4.0–4.3
 * daemon), a StatsFormatError when it is an error or has no metrics.
 */
export function parseGetstatsReply(kind: GetstatsKind, text: string): ParsedStats {
	const {data, metrics} = replyData(text);
	return frozen({
		...byKind[kind](metrics),
		time: seconds(data.timestamp),
		started: seconds(data.uptime),
		raw: flatten(data),
	});
}
