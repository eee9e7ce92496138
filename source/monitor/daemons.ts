/** How a daemon shows up in the process table (SPEC section 2). */
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

const binary = (argument: string, component: DaemonSpec['component'] = 'manager'): DaemonSpec => ({
	argument,
	name: `wazuh-${argument}`,
	kind: 'binary',
	component,
});

export const daemonSpecs: readonly DaemonSpec[] = [
	binary('agentlessd'),
	binary('analysisd'),
	{argument: 'apid', name: 'wazuh_apid.py', kind: 'script', component: 'manager'},
	binary('authd'),
	{argument: 'clusterd', name: 'wazuh_clusterd.py', kind: 'script', component: 'manager'},
	binary('csyslogd'),
	binary('db'),
	binary('dbd'),
	binary('execd', 'both'),
	binary('integratord'),
	binary('logcollector', 'both'),
	binary('maild'),
	binary('modulesd', 'both'),
	binary('monitord'),
	binary('remoted'),
	binary('syscheckd', 'both'),
	binary('agentd', 'agent'),
	{argument: 'indexer', name: 'wazuh-indexer', kind: 'jvm', component: 'extra', home: '/usr/share/wazuh-indexer'},
	{argument: 'dashboard', name: 'wazuh-dashboard', kind: 'node', component: 'extra', home: '/usr/share/wazuh-dashboard'},
];

export function daemonByArgument(argument: string): DaemonSpec | undefined {
	return daemonSpecs.find(spec => spec.argument === argument);
}

export const daemonArguments: readonly string[] = daemonSpecs.map(spec => spec.argument);
