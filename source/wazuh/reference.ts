/**
 * The Wazuh process reference (docs/recording.md, "Process reference"; Wazuh 4 and 5): which daemons each kind of
 * installation runs, what their processes are called and where their programs lie inside the
 * install folder. wazuh/wazuh `src/init/wazuh-server.sh` (5.x manager), `wazuh-client.sh` (agent),
 * and the 4.x manager's control script are the sources.
 */

/** A kind of installation: the 4.x manager (`/var/ossec`), the 5.x manager (`/var/wazuh-manager`), an agent. */
export type Layout = 'manager-4' | 'manager-5' | 'agent';

export const layouts = ['manager-4', 'manager-5', 'agent'] as const satisfies readonly Layout[];

export const layoutLabels = {
	'manager-4': 'Wazuh 4.x manager',
	'manager-5': 'Wazuh 5.x manager',
	agent: 'Wazuh agent',
} as const satisfies Record<Layout, string>;

export type ReferenceEntry = {
	/** What the user types: `analysisd`. */
	readonly argument: string;
	/** A native binary in `bin/`, or a Python script run by the bundled interpreter. */
	readonly kind: 'binary' | 'script';
	readonly layouts: readonly Layout[];
};

const managers: readonly Layout[] = ['manager-4', 'manager-5'];
const manager4: readonly Layout[] = ['manager-4'];
const everywhere: readonly Layout[] = ['manager-4', 'manager-5', 'agent'];
const manager4AndAgent: readonly Layout[] = ['manager-4', 'agent'];

export const daemonReference = [
	{argument: 'agentlessd', kind: 'binary', layouts: manager4},
	{argument: 'analysisd', kind: 'binary', layouts: managers},
	{argument: 'apid', kind: 'script', layouts: managers},
	{argument: 'authd', kind: 'binary', layouts: managers},
	{argument: 'clusterd', kind: 'script', layouts: managers},
	{argument: 'csyslogd', kind: 'binary', layouts: manager4},
	{argument: 'db', kind: 'binary', layouts: managers},
	{argument: 'dbd', kind: 'binary', layouts: manager4},
	{argument: 'execd', kind: 'binary', layouts: manager4AndAgent},
	{argument: 'integratord', kind: 'binary', layouts: manager4},
	{argument: 'logcollector', kind: 'binary', layouts: manager4AndAgent},
	{argument: 'maild', kind: 'binary', layouts: manager4},
	{argument: 'modulesd', kind: 'binary', layouts: everywhere},
	{argument: 'monitord', kind: 'binary', layouts: managers},
	{argument: 'remoted', kind: 'binary', layouts: managers},
	{argument: 'syscheckd', kind: 'binary', layouts: manager4AndAgent},
	{argument: 'agentd', kind: 'binary', layouts: ['agent']},
] as const satisfies readonly ReferenceEntry[];

/** Where a script daemon's script lies: the API under api/, the rest of the framework under framework/. */
const scriptFolder = (argument: string): string => (argument === 'apid' ? 'api/scripts' : 'framework/scripts');

/** `wazuh-analysisd`, `wazuh-manager-analysisd`, `wazuh_apid.py`, `wazuh_manager_apid.py`. */
export function processName(layout: Layout, argument: string, kind: ReferenceEntry['kind']): string {
	const prefix = layout === 'manager-5' ? 'manager-' : '';
	return kind === 'script' ? `wazuh_${prefix.replace('-', '_')}${argument}.py` : `wazuh-${prefix}${argument}`;
}

/** The program inside the install folder: `bin/wazuh-manager-db`, `api/scripts/wazuh_apid.py`. */
export function programPath(layout: Layout, argument: string, kind: ReferenceEntry['kind']): string {
	const name = processName(layout, argument, kind);
	return kind === 'script' ? `${scriptFolder(argument)}/${name}` : `bin/${name}`;
}


export function entriesOf(layout: Layout): ReadonlyArray<(typeof daemonReference)[number]> {
	return daemonReference.filter(entry => (entry.layouts as readonly Layout[]).includes(layout));
}
