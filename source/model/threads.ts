import type {ThreadSample} from './snapshot.js';

/**
 * The order of a thread list, as `top -H` sorted by CPU: busiest first, threads without a rate yet
 * (first seen this tick) after those with one, then by TID.
 */
export function compareThreads(a: ThreadSample, b: ThreadSample): number {
	const left = a.cpuPercent ?? Number.NEGATIVE_INFINITY;
	const right = b.cpuPercent ?? Number.NEGATIVE_INFINITY;
	return left === right ? a.tid - b.tid : right - left;
}
