import {defined, flatten, isObject, ratio} from './json-tree.js';
import {frozen, type ParsedStats, parseJson, StatsFormatError} from './parsed-stats.js';

/*
 * The state files Wazuh 4.x daemons rewrite every few seconds in `var/run/` (`<daemon>.state`):
 * shell-like `key='value'` lines under `#` comments for analysisd (Wazuh's src/analysisd/state.c),
 * remoted (src/remoted/state.c) and agentd (src/client-agent/state.c); JSON for logcollector
 * (src/logcollector/state.c, 4.2 and later). Their time is the file's modification time.
 */

type Fields = Readonly<Record<string, number | string>>;

const numeric = /^-?\d+(?:\.\d+)?$/;

/** The `key='value'` lines of a state file; numbers as numbers, the rest (`connected`, `''`) as strings. */
export function parseStateFields(text: string): Fields {
	const fields: Record<string, number | string> = {};
	for (const line of text.split('\n')) {
		const match = /^(\w+)='([^']*)'\s*$/.exec(line);
		if (match !== null) {
			const [, key, value] = match as unknown as [string, string, string];
			fields[key] = numeric.test(value) ? Number(value) : value;
		}
	}

	return fields;
}

const num = (fields: Fields, key: string): number | undefined => {
	const value = fields[key];
	return typeof value === 'number' ? value : undefined;
};

/**
 * The shape of the 4.0–4.3 analysisd file: its counters are per state interval (Wazuh's v4.3
 * src/analysisd/state.c resets them after every write), not cumulative.
 */
export const perIntervalFormat = 'state-4.0';

/** The file's queue names (`<q>_queue_usage`) by the getstats name of the same queue (Wazuh's `w_get_queues_size`). */
const analysisdQueueNames: Readonly<Record<string, string>> = {
	winevt: 'eventchannel',
	event: 'others',
	rule_matching: 'processed',
	statistical: 'stats',
};

/**
 * `var/run/wazuh-analysisd.state`: `events_received`, `events_processed`, `events_dropped`, and
 * each `<q>_queue_usage` (a fraction of the queue's size), named as getstats names the queue.
 * 4.0–4.3 files (with `*_edps` rates) count per interval: see perIntervalFormat.
 */
export function parseAnalysisdState(text: string, mtimeMs: number): ParsedStats {
	const fields = parseStateFields(text);
	const queues: Record<string, number> = {};
	for (const [key, value] of Object.entries(fields)) {
		const name = /^(\w+)_queue_usage$/.exec(key)?.[1];
		if (name !== undefined && typeof value === 'number') {
			queues[analysisdQueueNames[name] ?? name] = value;
		}
	}

	return stateStats(fields, mtimeMs, {
		eventsReceived: num(fields, 'events_received'),
		eventsProcessed: num(fields, 'events_processed'),
		eventsDropped: num(fields, 'events_dropped'),
	}, queues, 'syscheck_edps' in fields ? perIntervalFormat : 'state-4.4');
}

/**
 * `var/run/wazuh-remoted.state` (cumulative in every version): `evt_count`, `discarded_count`,
 * `tcp_sessions`, and the received queue, `queue_size` messages of `total_queue_size`.
 */
export function parseRemotedState(text: string, mtimeMs: number): ParsedStats {
	const fields = parseStateFields(text);
	const fill = ratio(num(fields, 'queue_size'), num(fields, 'total_queue_size'));
	// 4.0–4.2 have msg_sent, 4.3 queued_msgs, 4.13 the control message queue.
	let format = 'state-4.4';
	if ('msg_sent' in fields) {
		format = 'state-4.0';
	} else if ('queued_msgs' in fields) {
		format = 'state-4.3';
	} else if ('ctrl_msg_queue_usage' in fields) {
		format = 'state-4.13';
	}

	return stateStats(fields, mtimeMs, {
		messagesReceived: num(fields, 'evt_count'),
		messagesDiscarded: num(fields, 'discarded_count'),
		tcpSessions: num(fields, 'tcp_sessions'),
	}, fill === undefined ? {} : {received: fill}, format);
}

/**
 * `var/run/wazuh-agentd.state` on an agent: `status` (connected or not), `msg_sent` to the
 * manager, and `msg_buffer` (4.2 and later; empty when the anti-flooding buffer is off).
 */
export function parseAgentdState(text: string, mtimeMs: number): ParsedStats {
	const fields = parseStateFields(text);
	const status = fields.status;
	return stateStats(fields, mtimeMs, {
		agentConnected: typeof status === 'string' ? Number(status === 'connected') : undefined,
		agentMessagesSent: num(fields, 'msg_sent'),
		agentBuffered: num(fields, 'msg_buffer'),
	}, {}, 'msg_buffer' in fields ? 'state-4.2' : 'state-4.0');
}

function stateStats(fields: Fields, mtimeMs: number, values: Record<string, number | undefined>, queues: Record<string, number>, format: string): ParsedStats {
	if (Object.keys(fields).length === 0) {
		throw new StatsFormatError('the state file has no key=\'value\' line');
	}

	return frozen({values: defined(values), queues, raw: {...fields}, time: mtimeMs, started: undefined, format});
}

/** Sums `field` over `items` (an array of objects), or over each item's `nested` array. */
function sumOver(items: unknown, field: string, nested?: string): number {
	let total = 0;
	for (const item of Array.isArray(items) ? items as unknown[] : []) {
		if (!isObject(item)) {
			continue;
		}

		if (nested === undefined) {
			total += typeof item[field] === 'number' && Number.isFinite(item[field]) ? item[field] : 0;
		} else {
			total += sumOver(item[nested], field);
		}
	}

	return total;
}

/**
 * `var/run/wazuh-logcollector.state` (JSON; written in place, so a read may catch it half
 * written, which fails to parse): its `global` block, cumulative since logcollector started, gives
 * events read (`files[].events`) and drops (`files[].targets[].drops`), summed over every location
 * and target.
 */
export function parseLogcollectorState(text: string, mtimeMs: number): ParsedStats {
	const state = parseJson(text, 'the state file');
	if (!isObject(state) || !isObject(state.global)) {
		throw new StatsFormatError('the state file has no global block');
	}

	const files = state.global.files;
	return frozen({
		values: {logEvents: sumOver(files, 'events'), logDrops: sumOver(files, 'drops', 'targets')},
		queues: {},
		raw: flatten(state),
		time: mtimeMs,
		started: undefined,
		format: 'state-4.2',
	});
}
