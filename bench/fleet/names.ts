/**
 * Which daemon names a fleet may take. The collector follows the *oldest* process of a name, so a
 * fleet named like a daemon that already runs here (a real Wazuh, or a `--demo` someone left
 * running) would be shadowed by it: take names nobody uses, and check after the start.
 */
import {daemonSpecs} from '../../source/wazuh/daemons.js';
import {discover} from '../../source/collect/discovery.js';
import type {Fleet} from './fleet.js';

/** Binary daemons (exec'able under their own name) that no process on this machine has now. */
export function freeDaemonNames(): string[] {
	const {trees} = discover(daemonSpecs);
	// Least common on a test machine first: the agent and the optional manager daemons.
	const preferred = ['agentlessd', 'csyslogd', 'integratord', 'maild', 'agentd', 'dbd', 'authd', 'monitord', 'execd'];
	const binaries = daemonSpecs.filter(spec => spec.kind === 'binary' && !trees.has(spec.name));
	const rank = (argument: string): number => (preferred.includes(argument) ? preferred.indexOf(argument) : preferred.length);
	return binaries.sort((a, b) => rank(a.argument) - rank(b.argument)).map(spec => spec.name);
}

/** CLI argument of a daemon process name: `wazuh-agentlessd` -> `agentlessd`. */
export const argumentOf = (name: string): string => daemonSpecs.find(spec => spec.name === name)?.argument ?? name;

/** Undefined when discovery sees exactly the fleet under its names; else what it sees instead. */
export function checkFleetFound(fleet: Fleet): string | undefined {
	const specs = daemonSpecs.filter(spec => fleet.names.includes(spec.name));
	const {trees} = discover(specs, {allowedRoots: fleet.roots});
	let found = 0;
	for (const [index, name] of fleet.names.entries()) {
		const tree = trees.get(name);
		if (tree === undefined || tree.root.pid !== fleet.roots[index]) {
			return `${name}: discovery finds pid ${tree?.root.pid ?? 'none'}, the fleet started ${fleet.roots[index]!}`;
		}

		found += 1 + tree.descendants.length;
	}

	return found === fleet.pids.length ? undefined : `discovery finds ${found} processes, the fleet has ${fleet.pids.length}`;
}
