import {entriesOf, type Layout, processName, type ReferenceEntry} from './reference.js';

/** How a daemon shows up in the process table (docs/recording.md, "Process reference"). */
export type DaemonKind =
	/** An ELF binary whose executable name is the daemon name. */
	| 'binary'
	/** A Python script run by an interpreter; matched by the script's basename. */
	| 'script'
	/** A JVM whose command line sets the given home directory. */
	| 'jvm'
	/** A Node process started from the given directory. */
	| 'node';

/**
 * What makes a process the genuine daemon of an installation (the Wazuh 5 issue): its executable
 * (or, for a script daemon, its script) is the program inside the install folder, and it runs as
 * root or the Wazuh service user. Without it a spec matches by name only (`--demo`, `--match-by-name`).
 */
export type DaemonIdentity = {
	/** Absolute path of the binary (`/proc/PID/exe`) or of the script a Python interpreter runs. */
	readonly program: string;
	readonly installFolder: string;
	readonly owners: {readonly uids: readonly number[]; readonly gids: readonly number[]};
};

export type DaemonSpec = {
	/** Command-line argument: `analysisd`. */
	readonly argument: string;
	/** Process name: `wazuh-analysisd`, `wazuh_apid.py`. */
	readonly name: string;
	readonly kind: DaemonKind;
	/** Which Wazuh component runs it; `extra` for the indexer and dashboard. */
	readonly component: 'manager' | 'agent' | 'both' | 'extra';
	/** For `jvm` and `node`: the installation directory that identifies the process. */
	readonly home?: string;
	/** Set for daemons of a detected installation: matched by program and owner, never by name alone. */
	readonly identity?: DaemonIdentity;
};

/** Where a reference entry runs: a manager, an agent, or both. */
function componentOf(entry: ReferenceEntry): DaemonSpec['component'] {
	const onAgent = entry.layouts.includes('agent');
	const onManager = entry.layouts.some(layout => layout !== 'agent');
	return onAgent ? (onManager ? 'both' : 'agent') : 'manager';
}

/** The daemons of a layout matched by process name alone, as the original script did (`--match-by-name`). */
export function nameSpecs(layout: Layout): DaemonSpec[] {
	return entriesOf(layout).map(entry => ({
		argument: entry.argument,
		name: processName(layout, entry.argument, entry.kind),
		kind: entry.kind,
		component: componentOf(entry),
	}));
}

/** The indexer and the dashboard: no part of an installation folder, matched by their home. */
export const extraSpecs: readonly DaemonSpec[] = [
	{argument: 'indexer', name: 'wazuh-indexer', kind: 'jvm', component: 'extra', home: '/usr/share/wazuh-indexer'},
	{argument: 'dashboard', name: 'wazuh-dashboard', kind: 'node', component: 'extra', home: '/usr/share/wazuh-dashboard'},
];

/**
 * The library's table for daemons named by a string (`new Monitor({daemons: ['analysisd']})`): the
 * 4.x manager's and the agent's process names, from the one reference (source/wazuh/reference.ts).
 */
export const daemonSpecs: readonly DaemonSpec[] = [
	...nameSpecs('manager-4'),
	...nameSpecs('agent').filter(spec => !nameSpecs('manager-4').some(other => other.name === spec.name)),
	...extraSpecs,
];

export function daemonByArgument(argument: string): DaemonSpec | undefined {
	return daemonSpecs.find(spec => spec.argument === argument);
}

export const daemonArguments: readonly string[] = daemonSpecs.map(spec => spec.argument);
