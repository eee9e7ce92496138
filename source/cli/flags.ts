import {textfileName} from '../export/textfile.js';

/**
 * The one flag table: each option's name, short form, whether it takes a value, its default and its
 * help. The argv check (options.ts normalizeArgv), meow's flag types and the `--help` text are made
 * from it, so a flag cannot be accepted without being documented, or documented with another default.
 */
export type FlagDef = {
	/** Long name without `--`. */
	readonly name: string;
	readonly short?: string;
	readonly takesValue: boolean;
	/** What the value is, in the help: `SECONDS`, `B|KB|MB`. */
	readonly value?: string;
	/** Repeatable, its values accumulated (`--disk`). */
	readonly multiple?: boolean;
	/** The value used when the flag is not given, as the parser reads it. */
	readonly default?: string;
	/** Help text; lines after the first are continuation lines. */
	readonly help: readonly string[];
	/** Not listed in the help (internal plumbing between normalizeArgv and meow). */
	readonly hidden?: boolean;
};

export const flagDefs: readonly FlagDef[] = [
	{name: 'disk', takesValue: true, multiple: true, value: 'PATH...', help: ['Files or directories whose disk usage to track (one or more; repeatable)']},
	{name: 'sleep', short: 's', takesValue: true, value: 'SECONDS', default: '1', help: ['Time between samples (default 1.0)']},
	{name: 'units', short: 'u', takesValue: true, value: 'B|KB|MB', default: 'KB', help: ['Unit of the process byte values (default KB; any case)']},
	{name: 'disk-unit', takesValue: true, value: 'KB|MB|GB|TB', default: 'GB', help: ['Unit of the disk sizes (default GB; any case)']},
	{name: 'version', short: 'v', takesValue: true, value: 'VERSION', help: ['Wazuh version written into the CSVs (default: the installed one, if found);', 'without a value: print this tool\'s version']},
	{name: 'debug', short: 'd', takesValue: false, help: ['Debug lines in the log file']},
	{name: 'healthcheck-time', short: 'H', takesValue: true, value: 'SEC', default: '10', help: ['Time between health checks (default 10)']},
	{name: 'retries', short: 'r', takesValue: true, value: 'N', default: '10', help: ['Failed health checks before a daemon is given up (default 10)']},
	{name: 'store-process', takesValue: true, value: 'DIR', help: ['Folder of the process CSVs (default /var/log/wazuh-metrics/<dd-mm-YYYY>/<epoch> as root,', '~/.local/state/wazuh-metrics/... for other users)']},
	{name: 'store-disk', takesValue: true, value: 'DIR', help: ['Folder of the disk CSVs (default <store-process>/files)']},
	{name: 'headless', takesValue: false, help: ['No terminal UI: record, log, and print a status line per health check']},
	{name: 'install-dir', takesValue: true, value: 'DIR', help: ['The Wazuh installation to watch (default: those found in /var/wazuh-manager, /var/ossec)']},
	{name: 'match-by-name', takesValue: false, help: [
		'Also take any process named like a daemon, whoever started it and from',
		'wherever (the original script\'s rule). Risky: any local user can then',
		'make this tool watch and record a process of theirs, or hide a daemon',
	]},
	{name: 'prometheus', takesValue: true, value: '[ADDR:]PORT', help: [
		'Serve the latest sample at http://ADDR:PORT/metrics for Prometheus (text format,',
		'or OpenMetrics when asked). Only a port: 127.0.0.1, this host alone. Anyone who',
		'can connect reads what only root may read in /proc (io counters, memory maps)',
	]},
	{name: 'prometheus-public', takesValue: false, help: [
		'Allow --prometheus to listen on an address other hosts can reach (0.0.0.0,',
		'a LAN address); without it such an address is refused',
	]},
	{name: 'textfile', takesValue: true, value: 'DIR', help: [
		`Write the same metrics to DIR/${textfileName} every sample (replaced whole,`,
		'never seen half written), for node_exporter\'s textfile collector',
	]},
	{name: 'demo', takesValue: false, help: ['Start a simulated Wazuh 4.x manager (=5: a 5.x one) on this machine and watch it']},
	{name: 'demo-version', takesValue: true, hidden: true, help: ['4 or 5, from --demo=N']},
	{name: 'help', short: 'h', takesValue: false, help: ['This text']},
];

/** The flag by long or short name; hidden ones only by long name. */
export function flagByName(name: string): FlagDef | undefined {
	return flagDefs.find(flag => flag.name === name);
}

/** `meow`'s flag spec: every flag read as a string (or boolean) and validated by the parser. */
export type MeowFlag = {type: 'string'} | {type: 'string'; isMultiple: true} | {type: 'boolean'; default: boolean};

export function meowFlags(): Record<string, MeowFlag> {
	const camel = (name: string) => name.replaceAll(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
	return Object.fromEntries(flagDefs
		.filter(flag => flag.name !== 'help')
		.map((flag): [string, MeowFlag] => {
			if (!flag.takesValue) {
				return [camel(flag.name), {type: 'boolean', default: false}];
			}

			return [camel(flag.name), flag.multiple ? {type: 'string', isMultiple: true} : {type: 'string'}];
		}));
}

/** The Options section of `--help`. */
export function optionsHelp(): string {
	const column = 28;
	const lines: string[] = [];
	for (const flag of flagDefs.filter(each => !each.hidden)) {
		const names = `${flag.short === undefined ? '' : `-${flag.short}, `}--${flag.name}${flag.name === 'demo' ? '[=5]' : ''}`;
		const label = flag.value === undefined ? names : `${names} ${flag.value}`;
		const [first = '', ...rest] = flag.help;
		lines.push(`    ${label.padEnd(column)}${first}`, ...rest.map(line => `    ${' '.repeat(column)}${line}`));
	}

	return lines.join('\n');
}
