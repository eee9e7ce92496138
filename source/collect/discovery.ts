import type {ProcStat} from '../procfs/parse-stat.js';
import {readArgv, readCwd, readExePath, readOwner, scanProcesses} from '../procfs/process-table.js';
import path from 'node:path';
import type {DaemonSpec} from '../wazuh/daemons.js';
import {buildDaemonTrees, type DaemonTree, excludedPids, outsideSubtree} from './daemon-trees.js';
import {commFilter, matchesDaemon, whyNotInstalled} from './match.js';

export type DiscoveryOptions = {
	readonly procRoot?: string;
	/** Processes under this PID are this tool's own and never monitored. */
	readonly selfPid?: number;
	/** Subtrees under selfPid that may be monitored anyway (the demo fleet). */
	readonly allowedRoots?: readonly number[];
	/** Only processes under this PID are considered (`--demo` watches its own fleet and nothing else). */
	readonly scope?: number;
};

/** A process that has a daemon's name but is not the installed daemon: never adopted. */
export type IgnoredProcess = {readonly pid: number; readonly startTime: number; readonly name: string; readonly reason: string};

export type Discovery = {
	/** Found daemons by process name. */
	readonly trees: ReadonlyMap<string, DaemonTree>;
	/** Older instances running beside the followed one, by process name. */
	readonly stale: ReadonlyMap<string, readonly ProcStat[]>;
	/** Look-alikes of installed daemons (same name, another program or owner). */
	readonly ignored: readonly IgnoredProcess[];
	/** Every live process seen by the scan. */
	readonly processes: readonly ProcStat[];
};

/** One full scan of the process table for the given daemons (the matching rules of docs/recording.md). */
export function discover(specs: readonly DaemonSpec[], options: DiscoveryOptions = {}): Discovery {
	const procRoot = options.procRoot ?? '/proc';
	const processes = scanProcesses(procRoot);
	const candidate = commFilter(specs);
	const matchOf = new Map<number, DaemonSpec>();
	const ignored: IgnoredProcess[] = [];
	for (const process of processes) {
		if (!candidate(process.comm)) {
			continue;
		}

		const argv = readArgv(process.pid, procRoot);
		if (argv === undefined || argv.length === 0) {
			continue; // Gone, or a kernel thread.
		}

		// Read lazily: each only where the rules of a candidate spec need it.
		let exePath: string | undefined | null = null;
		let owner: {uid: number; gid: number} | undefined | null = null;
		let cwd: string | undefined | null = null;
		const identity = {
			comm: process.comm,
			argv,
			get exePath() {
				if (exePath === null) {
					exePath = readExePath(process.pid, procRoot);
				}

				return exePath;
			},
			get exe() {
				const full = this.exePath;
				return full === undefined ? undefined : path.basename(full);
			},
			get owner() {
				if (owner === null) {
					owner = readOwner(process.pid, procRoot);
				}

				return owner;
			},
			get cwd() {
				if (cwd === null) {
					cwd = readCwd(process.pid, procRoot);
				}

				return cwd;
			},
		};
		const spec = specs.find(candidateSpec => matchesDaemon(candidateSpec, identity));
		if (spec !== undefined) {
			matchOf.set(process.pid, spec);
			continue;
		}

		const lookAlike = specs.find(candidateSpec => candidateSpec.identity !== undefined && matchesDaemon({...candidateSpec, identity: undefined}, identity));
		if (lookAlike?.identity !== undefined) {
			const reason = whyNotInstalled(lookAlike, lookAlike.identity, identity) ?? 'it is not the installed daemon';
			ignored.push({pid: process.pid, startTime: process.startTime, name: lookAlike.name, reason});
		}
	}

	const excluded = excludedPids(processes, options.selfPid ?? process.pid, options.allowedRoots ?? []);
	if (options.scope !== undefined) {
		for (const pid of outsideSubtree(processes, options.scope)) {
			excluded.add(pid);
		}
	}

	return {...buildDaemonTrees(processes, matchOf, excluded), ignored, processes};
}
