import type {ProcStat} from '../procfs/parse-stat.js';
import {readArgv, readExeName, scanProcesses} from '../procfs/process-table.js';
import type {DaemonSpec} from './daemons.js';
import {buildDaemonTrees, type DaemonTree, excludedPids, outsideSubtree} from './daemon-trees.js';
import {commFilter, matchesDaemon} from './match.js';

export type DiscoveryOptions = {
	readonly procRoot?: string;
	/** Processes under this PID are this tool's own and never monitored. */
	readonly selfPid?: number;
	/** Subtrees under selfPid that may be monitored anyway (the demo fleet). */
	readonly allowedRoots?: readonly number[];
	/** Only processes under this PID are considered (`--demo` watches its own fleet and nothing else). */
	readonly scope?: number;
};

export type Discovery = {
	/** Found daemons by process name. */
	readonly trees: ReadonlyMap<string, DaemonTree>;
	/** Every live process seen by the scan. */
	readonly processes: readonly ProcStat[];
};

/** One full scan of the process table for the given daemons (SPEC section 2). */
export function discover(specs: readonly DaemonSpec[], options: DiscoveryOptions = {}): Discovery {
	const procRoot = options.procRoot ?? '/proc';
	const processes = scanProcesses(procRoot);
	const candidate = commFilter(specs);
	const matchOf = new Map<number, DaemonSpec>();
	for (const process of processes) {
		if (!candidate(process.comm)) {
			continue;
		}

		const argv = readArgv(process.pid, procRoot);
		if (argv === undefined || argv.length === 0) {
			continue; // Gone, or a kernel thread.
		}

		let exe: string | undefined;
		const identity = {
			comm: process.comm,
			argv,
			// Read lazily: readlink is only needed where comm and argv[0] disagree.
			get exe() {
				exe ??= readExeName(process.pid, procRoot);
				return exe;
			},
		};
		const spec = specs.find(candidateSpec => matchesDaemon(candidateSpec, identity));
		if (spec !== undefined) {
			matchOf.set(process.pid, spec);
		}
	}

	const excluded = excludedPids(processes, options.selfPid ?? process.pid, options.allowedRoots ?? []);
	if (options.scope !== undefined) {
		for (const pid of outsideSubtree(processes, options.scope)) {
			excluded.add(pid);
		}
	}

	return {trees: buildDaemonTrees(processes, matchOf, excluded), processes};
}
