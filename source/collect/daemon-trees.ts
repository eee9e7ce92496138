import type {ProcStat} from '../procfs/parse-stat.js';
import type {DaemonSpec} from '../wazuh/daemons.js';

export type DaemonTree = {
	readonly spec: DaemonSpec;
	/** The daemon's own process. */
	readonly root: ProcStat;
	/** Every descendant, recursively (its children). */
	readonly descendants: readonly ProcStat[];
};

const byAge = (a: ProcStat, b: ProcStat): number => a.startTime - b.startTime || a.pid - b.pid;

/**
 * This tool and everything it started, except the subtrees it allows (the demo fleet it starts
 * itself): a monitor must never report on its own processes.
 */
export function excludedPids(processes: readonly ProcStat[], selfPid: number, allowedRoots: readonly number[]): Set<number> {
	const parentOf = new Map(processes.map(process => [process.pid, process.ppid]));
	const allowed = new Set(allowedRoots);
	const verdict = new Map<number, boolean>();
	const excluded = (pid: number): boolean => {
		const chain: number[] = [];
		let current: number | undefined = pid;
		let result = false;
		while (current !== undefined && current > 0) {
			const known = verdict.get(current);
			if (known !== undefined) {
				result = known;
				break;
			}

			if (allowed.has(current)) {
				break;
			}

			if (current === selfPid) {
				result = true;
				break;
			}

			chain.push(current);
			current = parentOf.get(current);
		}

		for (const link of chain) {
			verdict.set(link, result);
		}

		return result;
	};

	return new Set(processes.filter(process => excluded(process.pid)).map(process => process.pid));
}

/** Processes that are not `root` or one of its descendants. */
export function outsideSubtree(processes: readonly ProcStat[], root: number): Set<number> {
	const childrenOf = new Map<number, number[]>();
	for (const process of processes) {
		childrenOf.set(process.ppid, [...childrenOf.get(process.ppid) ?? [], process.pid]);
	}

	const inside = new Set<number>([root]);
	const queue = [root];
	while (queue.length > 0) {
		for (const child of childrenOf.get(queue.pop()!) ?? []) {
			if (!inside.has(child)) {
				inside.add(child);
				queue.push(child);
			}
		}
	}

	return new Set(processes.filter(process => !inside.has(process.pid)).map(process => process.pid));
}

export type DaemonTrees = {
	readonly trees: Map<string, DaemonTree>;
	/** Older instances of a daemon still running beside the one followed, by process name. */
	readonly stale: Map<string, ProcStat[]>;
};

/**
 * The daemon's process is the newest matching process whose parent is not also a match (as Wazuh's
 * own monitor chooses: an older one is a stale instance, a restart that did not finish); every
 * descendant of it, matching or not, is one of its children.
 */
export function buildDaemonTrees(
	processes: readonly ProcStat[],
	matchOf: ReadonlyMap<number, DaemonSpec>,
	excluded: ReadonlySet<number>,
): DaemonTrees {
	const childrenOf = new Map<number, ProcStat[]>();
	for (const process of processes) {
		if (!excluded.has(process.pid)) {
			const siblings = childrenOf.get(process.ppid);
			if (siblings === undefined) {
				childrenOf.set(process.ppid, [process]);
			} else {
				siblings.push(process);
			}
		}
	}

	const candidates = new Map<string, ProcStat[]>();
	for (const process of processes) {
		const spec = matchOf.get(process.pid);
		if (spec === undefined || excluded.has(process.pid) || matchOf.get(process.ppid) === spec) {
			continue;
		}

		candidates.set(spec.name, [...candidates.get(spec.name) ?? [], process]);
	}

	const trees = new Map<string, DaemonTree>();
	const stale = new Map<string, ProcStat[]>();
	for (const [name, instances] of candidates) {
		instances.sort(byAge);
		const root = instances.at(-1)!;
		if (instances.length > 1) {
			stale.set(name, instances.slice(0, -1));
		}

		const descendants: ProcStat[] = [];
		const queue = [root.pid];
		const seen = new Set(queue);
		while (queue.length > 0) {
			for (const child of childrenOf.get(queue.pop()!) ?? []) {
				if (!seen.has(child.pid)) {
					seen.add(child.pid);
					descendants.push(child);
					queue.push(child.pid);
				}
			}
		}

		trees.set(name, {spec: matchOf.get(root.pid)!, root, descendants: descendants.sort(byAge)});
	}

	return {trees, stale};
}
