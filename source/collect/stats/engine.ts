import {defined, isObject, ratio} from './json-tree.js';
import {frozen, type ParsedStats, parseJson, StatsFormatError} from './parsed-stats.js';

/*
 * The 5.x engine (wazuh-manager-analysisd) answers `POST /metrics/dump` on its HTTP socket with a
 * `Dump_Response` (Wazuh's src/engine/source/proto/src/metrics.proto): `status`, `name`, `uptime`
 * and `timestamp` (ISO 8601, UTC), and metric entries `{name, type, enabled, value}` in `global`
 * and per policy space in `spaces` (names in src/engine/source/fastmetrics/.../metric_names.hpp).
 * Their order is unspecified: look them up by name.
 */

/** The request line, path and body (src/engine/source/api/metrics/.../handlers.hpp; an empty `Dump_Request`). */
export const engineRequest = {method: 'POST', path: '/metrics/dump', body: '{}'} as const;

/** Each entry's value by its full name; a disabled metric (value 0 by design) is left out. */
function metricValues(dump: Record<string, unknown>): {values: Map<string, number>; raw: Record<string, number | string>} {
	const values = new Map<string, number>();
	const raw: Record<string, number | string> = {};
	const take = (entries: unknown, prefix: string): void => {
		if (!Array.isArray(entries)) {
			return;
		}

		for (const entry of entries as unknown[]) {
			if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'number' || !Number.isFinite(entry.value)) {
				continue;
			}

			const name = prefix + entry.name;
			raw[name] = entry.value;
			if (entry.enabled !== false) {
				values.set(name, entry.value);
			}
		}
	};

	take(dump.global, '');
	if (Array.isArray(dump.spaces)) {
		for (const space of dump.spaces as unknown[]) {
			// The engine strips `space.<name>.` from these names; put it back, as the engine names them.
			if (isObject(space) && typeof space.name === 'string') {
				take(space.metrics, `space.${space.name}.`);
			}
		}
	}

	return {values, raw};
}

const isoTime = (value: unknown): number | undefined => {
	const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return Number.isFinite(time) ? time : undefined;
};

const sum = (...terms: Array<number | undefined>): number | undefined => {
	const known = terms.filter(term => term !== undefined);
	return known.length === 0 ? undefined : known.reduce((total, term) => total + term, 0);
};

/**
 * A `/metrics/dump` body, normalised: events received by the server (`server.events.received`),
 * processed by the router (`router.events.processed`), dropped at the router's input and by the
 * indexer connector (`router.events.dropped` + `indexer.events.dropped`, the latter only when the
 * connector is up), and the router and indexer queues (`*.queue.usage.percent`, 0..100).
 */
export function parseEngineDump(text: string): ParsedStats {
	const dump = parseJson(text, 'the engine\'s answer');
	if (!isObject(dump)) {
		throw new StatsFormatError('the engine\'s answer is not a JSON object');
	}

	if (dump.status !== 'OK') {
		const error = typeof dump.error === 'string' ? `: ${dump.error.slice(0, 80)}` : '';
		throw new StatsFormatError(`the engine answered status ${String(dump.status).slice(0, 20)}${error}`);
	}

	const {values, raw} = metricValues(dump);
	const queues: Record<string, number> = {};
	for (const queue of ['router', 'indexer']) {
		const fill = ratio(values.get(`${queue}.queue.usage.percent`), 100);
		if (fill !== undefined) {
			queues[queue] = fill;
		}
	}

	for (const key of ['status', 'name', 'uptime', 'timestamp'] as const) {
		if (typeof dump[key] === 'string') {
			raw[key] = dump[key];
		}
	}

	return frozen({
		values: defined({
			eventsReceived: values.get('server.events.received'),
			eventsProcessed: values.get('router.events.processed'),
			eventsDropped: sum(values.get('router.events.dropped'), values.get('indexer.events.dropped')),
		}),
		queues,
		raw,
		time: isoTime(dump.timestamp),
		started: isoTime(dump.uptime),
		format: '5',
	});
}
