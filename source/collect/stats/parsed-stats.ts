import type {DaemonStats} from '../../model/daemon-stats.js';

/** What a parser makes of one reply or file: the figures of a DaemonStats, without where they came from. */
export type ParsedStats = Pick<DaemonStats, 'time' | 'started' | 'values' | 'queues' | 'raw' | 'format'>;

/** A reply or file that is not shaped like the daemon's; the message is the problem, one line. */
export class StatsFormatError extends Error {
	override readonly name: string = 'StatsFormatError';
}

/** Not JSON at all: on a 4.0–4.3 socket, Wazuh's plain-text `err Unrecognized command`, which sends us to the state file. */
export class NotJsonError extends StatsFormatError {
	override readonly name = 'NotJsonError';
}

/** `JSON.parse`, with a failure said as a NotJsonError naming what was read. */
export function parseJson(text: string, what: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		const start = text.slice(0, 24).replace(/[^\x20-\x7E]/g, '?');
		throw new NotJsonError(`${what} is not JSON (${text.length === 0 ? 'empty' : `starts with "${start}"`})`);
	}
}

/** The parts of a ParsedStats frozen, as snapshots are. */
export function frozen(parsed: ParsedStats): ParsedStats {
	return Object.freeze({
		...parsed,
		values: Object.freeze({...parsed.values}),
		queues: Object.freeze({...parsed.queues}),
		raw: Object.freeze({...parsed.raw}),
	});
}
