import fs from 'node:fs';
import type {DaemonStats, StatsKind, StatsSnapshot} from '../../source/model/daemon-stats.js';

/*
 * DaemonStats made from the real formats (test/fixtures/stats/: replies and files as Wazuh's
 * daemons write them, values invented), the way the collector hands them over: `raw` holds every
 * leaf, by its path under the reply's `data` (`metrics.events.received`), by its metric name for
 * the engine (`server.events.received`, a space's as `space.<space>.<metric>`, and the dump's
 * `status`, `name`, `uptime`, `timestamp` as their text), by its key for a
 * state file (numbers as numbers), arrays by index (`global.files.0.location`).
 */

const fixture = (name: string): string => fs.readFileSync(new URL(`../fixtures/stats/${name}`, import.meta.url), 'utf8');

type Raw = Record<string, number | string>;

/** Every leaf of `value`, by its dotted path, in the order of the document. */
function flatten(value: unknown, prefix: string, into: Raw): Raw {
	if (typeof value === 'number' || typeof value === 'string') {
		into[prefix] = value;
	} else if (value !== null && typeof value === 'object') {
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			flatten(child, prefix === '' ? key : `${prefix}.${key}`, into);
		}
	}

	return into;
}

type Identity = {readonly daemon: string; readonly kind: StatsKind; readonly format: string};

function stats(identity: Identity, fields: Partial<DaemonStats>): DaemonStats {
	return {
		...identity,
		source: 'getstats',
		path: '/var/ossec/queue/sockets/analysis',
		up: true,
		problem: undefined,
		time: undefined,
		started: undefined,
		values: {},
		queues: {},
		raw: {},
		...fields,
	};
}

/** A framed-JSON `getstats` reply (4.4+, and remoted/wazuh-db on 5.x). */
export function getstatsFixture(name: string, identity: Identity): DaemonStats {
	const reply = JSON.parse(fixture(name)) as {data: {uptime: number; timestamp: number}};
	return stats(identity, {
		time: reply.data.timestamp * 1000,
		started: reply.data.uptime * 1000,
		raw: flatten(reply.data, '', {}),
	});
}

/** The 5.x engine's `POST /metrics/dump`. */
export function engineFixture(name = 'engine-5-dump.json'): DaemonStats {
	type Entry = {name: string; value: number};
	const dump = JSON.parse(fixture(name)) as {status: string; name: string; uptime: string; timestamp: string; global: Entry[]; spaces: Array<{name: string; metrics: Entry[]}>};
	// The envelope's text fields too, as the collector keeps them.
	const raw: Raw = {status: dump.status, name: dump.name, uptime: dump.uptime, timestamp: dump.timestamp};
	for (const {name: metric, value} of dump.global) {
		raw[metric] = value;
	}

	for (const space of dump.spaces) {
		for (const {name: metric, value} of space.metrics) {
			raw[`space.${space.name}.${metric}`] = value;
		}
	}

	return stats({daemon: 'wazuh-manager-analysisd', kind: 'analysisd', format: '5'}, {
		source: 'engine',
		path: '/var/wazuh-manager/queue/sockets/analysis',
		time: Date.parse(dump.timestamp),
		started: Date.parse(dump.uptime),
		raw,
	});
}

/**
 * A `key='value'` state file (analysisd, remoted, agentd): numbers as numbers, the rest
 * (`connected`, `''`) as text, as the collector reads them; with `asText`, every value as its text.
 */
export function stateFixture(name: string, identity: Identity, asText = false): DaemonStats {
	const raw: Raw = {};
	for (const line of fixture(name).split('\n')) {
		const match = /^(\w+)='(.*)'$/.exec(line);
		if (match) {
			const text = match[2]!;
			raw[match[1]!] = !asText && /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
		}
	}

	const time = Date.UTC(2025, 7, 7, 8, 0, 0);

	return stats(identity, {source: 'state-file', path: `/var/ossec/var/run/${identity.daemon}.state`, time, raw});
}

/** Logcollector's JSON state file. */
export function logcollectorFixture(name = 'logcollector.state'): DaemonStats {
	return stats({daemon: 'wazuh-logcollector', kind: 'logcollector', format: 'state-4.2'}, {
		source: 'state-file',
		path: '/var/ossec/var/run/wazuh-logcollector.state',
		time: Date.UTC(2025, 7, 7, 8, 0, 0),
		raw: flatten(JSON.parse(fixture(name)), '', {}),
	});
}

/** The same daemon a round later: every counter in `raw` grown by `add` (not queue sizes or fills), the time moved by `ms`. */
export function later(daemon: DaemonStats, ms: number, add = 0): DaemonStats {
	const grow = (key: string, value: number | string): number | string => {
		if (typeof value !== 'number' || key === 'uptime' || /usage|size/.test(key)) {
			return value;
		}

		return key === 'timestamp' ? value + ms / 1000 : value + add;
	};

	const raw: Raw = Object.fromEntries(Object.entries(daemon.raw).map(([key, value]) => [key, grow(key, value)]));
	return {...daemon, raw, time: daemon.time === undefined ? undefined : daemon.time + ms};
}

/** A failed read of `daemon`: no figures, the reason in `problem`. */
export function failed(daemon: DaemonStats, problem: string): DaemonStats {
	return {...daemon, up: false, problem, raw: {}, values: {}, queues: {}};
}

export function statsSnapshot(round: number, time: number, daemons: readonly DaemonStats[]): StatsSnapshot {
	return {round, time, daemons};
}

export const analysisd414 = (): DaemonStats => getstatsFixture('getstats-4.14-analysisd.json', {daemon: 'wazuh-analysisd', kind: 'analysisd', format: '4.8'});
export const remoted414 = (): DaemonStats => getstatsFixture('getstats-4.14-remoted.json', {daemon: 'wazuh-remoted', kind: 'remoted', format: '4.13'});
export const wazuhdb414 = (): DaemonStats => getstatsFixture('getstats-4.14-wazuhdb.json', {daemon: 'wazuh-db', kind: 'wazuh-db', format: '4.14'});
export const remoted5 = (): DaemonStats => getstatsFixture('getstats-5-remoted.json', {daemon: 'wazuh-manager-remoted', kind: 'remoted', format: '5'});
export const wazuhdb5 = (): DaemonStats => getstatsFixture('getstats-5-wazuhdb.json', {daemon: 'wazuh-manager-db', kind: 'wazuh-db', format: '5'});
export const analysisdState43 = (asText = false): DaemonStats => stateFixture('state-4.3-analysisd.state', {daemon: 'wazuh-analysisd', kind: 'analysisd', format: 'state-4.0'}, asText);
export const remotedState43 = (): DaemonStats => stateFixture('state-4.3-remoted.state', {daemon: 'wazuh-remoted', kind: 'remoted', format: 'state-4.3'});
export const agentdState = (): DaemonStats => stateFixture('state-4.2-agentd.state', {daemon: 'wazuh-agentd', kind: 'agentd', format: 'state-4.2'});
