/**
 * Part 3: one full discovery scan (every /proc/PID/stat, then cmdline of the candidates) on a
 * process table of a given size, as at start-up (every daemon) and at each health check (the
 * watched ones).
 */
import {type DaemonSpec, daemonSpecs} from '../../source/wazuh/daemons.js';
import {discover} from '../../source/collect/discovery.js';
import type {Fleet} from '../fleet/fleet.js';
import {processCount} from '../proc.js';
import {median} from '../stats.js';

export type DiscoveryResult = {
	readonly label: string;
	/** Processes in /proc during the scans. */
	readonly processes: number;
	/** Processes whose comm made them candidates (their cmdline was read). */
	readonly scope: string;
	readonly medianMs: number;
	readonly firstMs: number;
	readonly runs: number;
	/** The fleet was found whole (a scan that misses it would be fast for the wrong reason). */
	readonly foundFleet: boolean;
};

export function measureDiscovery(label: string, fleet: Fleet, scope: 'all' | 'watched', runs: number): DiscoveryResult {
	const specs: readonly DaemonSpec[] = scope === 'all' ? daemonSpecs : daemonSpecs.filter(spec => fleet.names.includes(spec.name));
	const times: number[] = [];
	let foundFleet = false;
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		const {trees} = discover(specs, {allowedRoots: fleet.roots});
		times.push(performance.now() - start);
		foundFleet = fleet.names.every((name, index) => trees.get(name)?.root.pid === fleet.roots[index]);
	}

	return {
		label,
		processes: processCount(),
		scope: scope === 'all' ? `all ${specs.length} daemons` : `${specs.length} watched daemons`,
		medianMs: median(times.slice(1)),
		firstMs: times[0]!,
		runs,
		foundFleet,
	};
}
