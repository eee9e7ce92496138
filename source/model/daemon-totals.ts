import {type ProcessMetric, summedMetrics} from './process-metrics.js';
import type {ProcessSample, Snapshot} from './snapshot.js';

/** What a daemon costs in all: its own process and every child of the same tick, summed. */
export type DaemonTotal = {
	readonly daemon: string;
	/** Processes summed (the daemon's own and its children). */
	readonly processes: number;
	/**
	 * The sums, shaped as a sample so the table reads them through the same field accessors as a
	 * process's values. Identity fields (name, PID, comm, start) are the daemon's own process's, or
	 * the first child's when the daemon's own process is gone. A sum is undefined when one of its
	 * terms could not be read: a partial sum would look like a real, smaller figure.
	 */
	readonly sample: ProcessSample;
};

function sumOf(samples: readonly ProcessSample[], field: ProcessMetric): number | undefined {
	let sum = 0;
	for (const sample of samples) {
		const value = sample[field];
		if (value === undefined) {
			return undefined;
		}

		sum += value;
	}

	return sum;
}

/** The total of one daemon's processes of one tick; the daemon's own process first when present. */
export function totalOf(daemon: string, members: readonly ProcessSample[]): DaemonTotal | undefined {
	const first = members.find(sample => sample.childIndex === 0) ?? members[0];
	if (first === undefined) {
		return undefined;
	}

	if (members.length === 1) {
		// The sum of one process is its own values (a replay's jump makes an hour of totals at once).
		return {daemon, processes: 1, sample: Object.freeze({...first, role: daemon, daemon, childIndex: 0})};
	}

	// The metrics whose `fold` is `sum`; the others (a start time) keep the first process's value.
	const sums = {} as Record<ProcessMetric, number | undefined>;
	for (const field of summedMetrics) {
		sums[field] = sumOf(members, field);
	}

	return {daemon, processes: members.length, sample: Object.freeze({...first, ...sums, role: daemon, daemon, childIndex: 0}) as ProcessSample};
}

/** Every daemon's total for one snapshot, by daemon name. Pure. */
export function daemonTotals(snapshot: Snapshot): ReadonlyMap<string, DaemonTotal> {
	const members = new Map<string, ProcessSample[]>();
	for (const sample of snapshot.samples) {
		const list = members.get(sample.daemon) ?? [];
		list.push(sample);
		members.set(sample.daemon, list);
	}

	const totals = new Map<string, DaemonTotal>();
	for (const [daemon, list] of members) {
		totals.set(daemon, totalOf(daemon, list)!);
	}

	return totals;
}
