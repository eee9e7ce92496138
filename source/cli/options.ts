import meow from 'meow';
import {type ByteUnit, byteUnits, type DiskUnit, diskUnits, isByteUnit, isDiskUnit} from '../fields/units.js';
import {daemonSpecs} from '../monitor/daemons.js';
import {resolveDaemon} from '../monitor/monitor.js';
import {UsageError} from './usage-error.js';

export type Options = {
	/** Daemon arguments (`analysisd`); empty = every Wazuh daemon that is running. */
	readonly daemons: readonly string[];
	readonly disk: readonly string[];
	readonly sleep: number;
	readonly units: ByteUnit;
	readonly diskUnit: DiskUnit;
	readonly version: string | undefined;
	readonly debug: boolean;
	readonly healthcheckTime: number;
	readonly retries: number;
	readonly storeProcess: string | undefined;
	readonly storeDisk: string | undefined;
	readonly headless: boolean;
	readonly demo: boolean;
};

/** The longest interval a timer can wait (setTimeout's limit is 2^31-1 ms, about 24.8 days); a day is plenty. */
const maxSeconds = 86_400;

export function helpText(toolVersion: string): string {
	const names = daemonSpecs.map(spec => spec.argument).join(', ');
	return `
  wazuh-metrics ${toolVersion}: watch Wazuh daemons and their children live, and record every sample to CSV.

  Usage
    $ wazuh-metrics [<process_name> ...] [options]

  With no process name, every Wazuh daemon that is running is watched.
  Process names: ${names}

  Options
    --disk PATH...              Files or directories whose disk usage to track (one or more; repeatable)
    -s, --sleep SECONDS         Time between samples (default 1.0)
    -u, --units B|KB|MB         Unit of the process byte values (default KB)
    --disk-unit KB|MB|GB|TB     Unit of the disk sizes (default GB)
    -v, --version VERSION       Wazuh version written into the CSVs (default: the installed one, if found)
    -d, --debug                 Debug lines in the log file
    -H, --healthcheck-time SEC  Time between health checks (default 10)
    -r, --retries N             Failed health checks before a daemon is given up (default 10)
    --store-process DIR         Folder of the process CSVs (default /var/log/wazuh-metrics/<dd-mm-YYYY>/<epoch> as root,
                                ~/.local/state/wazuh-metrics/... for other users)
    --store-disk DIR            Folder of the disk CSVs (default <store-process>/files)
    --headless                  No terminal UI: record, log, and print a status line per health check
    --demo                      Start a simulated Wazuh manager on this machine and watch it
    --help                      This text

  Examples
    $ wazuh-metrics --demo
    $ wazuh-metrics analysisd remoted db -s 0.5 --disk /var/ossec/logs/archives/archives.json
    $ wazuh-metrics apid clusterd --headless --store-process /root/load-test
`;
}

type FlagSpec = {readonly name: string; readonly short?: string; readonly takesValue: boolean};

const flagSpecs: readonly FlagSpec[] = [
	{name: 'disk', takesValue: true},
	{name: 'sleep', short: 's', takesValue: true},
	{name: 'units', short: 'u', takesValue: true},
	{name: 'disk-unit', takesValue: true},
	{name: 'version', short: 'v', takesValue: true},
	{name: 'debug', short: 'd', takesValue: false},
	{name: 'healthcheck-time', short: 'H', takesValue: true},
	{name: 'retries', short: 'r', takesValue: true},
	{name: 'store-process', takesValue: true},
	{name: 'store-disk', takesValue: true},
	{name: 'headless', takesValue: false},
	{name: 'demo', takesValue: false},
	{name: 'help', takesValue: false},
];

function findFlag(token: string): FlagSpec | undefined {
	const name = token.split('=')[0]!;
	return name.startsWith('--')
		? flagSpecs.find(spec => spec.name === name.slice(2))
		: flagSpecs.find(spec => spec.short === name.slice(1));
}

/**
 * Rejects unknown flags and missing values with one line, and rewrites `--disk a b` (argparse's
 * nargs='+', as the original took it) into `--disk a --disk b` for meow.
 */
export function normalizeArgv(argv: readonly string[]): string[] {
	const result: string[] = [];
	const seen = new Set<string>();
	for (let index = 0; index < argv.length; index++) {
		const token = argv[index]!;
		if (token === '--') {
			result.push(...argv.slice(index));
			break;
		}

		const looksLikeFlag = token.startsWith('-') && token.length > 1 && !/^-\d/.test(token);
		if (!looksLikeFlag) {
			result.push(token);
			continue;
		}

		const spec = findFlag(token);
		if (spec === undefined) {
			throw new UsageError(`unknown option ${token.split('=')[0]!} (see --help)`);
		}

		const flag = `--${spec.name}`;
		// A silent override of a repeated single-value flag would surprise; --disk accumulates.
		if (spec.name !== 'disk' && seen.has(spec.name)) {
			throw new UsageError(`${flag} given more than once`);
		}

		seen.add(spec.name);
		if (!spec.takesValue) {
			if (token.includes('=')) {
				throw new UsageError(`${flag} takes no value`);
			}

			result.push(flag);
			continue;
		}

		if (token.includes('=')) {
			result.push(flag, token.slice(token.indexOf('=') + 1));
			continue;
		}

		const values: string[] = [];
		while (index + 1 < argv.length && !(argv[index + 1]!.startsWith('-') && argv[index + 1]!.length > 1 && !/^-\d/.test(argv[index + 1]!))) {
			values.push(argv[++index]!);
			if (spec.name !== 'disk') {
				break;
			}
		}

		if (values.length === 0) {
			throw new UsageError(spec.name === 'disk' ? '--disk needs at least one path' : `${flag} needs a value`);
		}

		for (const value of values) {
			result.push(flag, value);
		}
	}

	return result;
}

function positiveNumber(raw: string | undefined, flag: string, fallback: number, integer: boolean): number {
	if (raw === undefined) {
		return fallback;
	}

	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
		throw new UsageError(`${flag} must be a positive ${integer ? 'whole number' : 'number'} (got "${raw}")`);
	}

	if (flag !== '--retries' && value > maxSeconds) {
		throw new UsageError(`${flag} must be at most ${maxSeconds} seconds (got "${raw}")`);
	}

	return value;
}

/** Parses and validates the command line. Throws UsageError (one line, exit status 2). */
export function parseOptions(argv: readonly string[], toolVersion: string): Options | 'help' {
	const normalized = normalizeArgv(argv);
	if (normalized.includes('--help')) {
		return 'help';
	}

	// Every flag is read as a string and validated here, so bad values get our one-line messages.
	const cli = meow(helpText(toolVersion), {
		importMeta: import.meta,
		argv: normalized,
		autoHelp: false,
		autoVersion: false,
		allowUnknownFlags: false,
		flags: {
			disk: {type: 'string', isMultiple: true},
			sleep: {type: 'string'},
			units: {type: 'string'},
			diskUnit: {type: 'string'},
			version: {type: 'string'},
			debug: {type: 'boolean', default: false},
			healthcheckTime: {type: 'string'},
			retries: {type: 'string'},
			storeProcess: {type: 'string'},
			storeDisk: {type: 'string'},
			headless: {type: 'boolean', default: false},
			demo: {type: 'boolean', default: false},
		},
	});
	const {flags} = cli;

	const units = flags.units ?? 'KB';
	if (!isByteUnit(units)) {
		throw new UsageError(`unknown unit "${units}" for --units (use ${byteUnits.join(', ')})`);
	}

	const diskUnit = flags.diskUnit ?? 'GB';
	if (!isDiskUnit(diskUnit)) {
		throw new UsageError(`unknown unit "${diskUnit}" for --disk-unit (use ${diskUnits.join(', ')})`);
	}

	const daemons = cli.input.map(name => {
		const spec = resolveDaemon(name);
		if (spec === undefined) {
			throw new UsageError(`unknown process name "${name}" (valid: ${daemonSpecs.map(candidate => candidate.argument).join(', ')})`);
		}

		return spec.argument;
	});
	const emptyValue = (name: string, value: string | undefined): string | undefined => {
		if (value?.trim() === '') {
			throw new UsageError(`--${name} needs a non-empty value`);
		}

		return value;
	};

	for (const path of flags.disk ?? []) {
		emptyValue('disk', path);
	}

	return {
		daemons: [...new Set(daemons)],
		disk: flags.disk ?? [],
		sleep: positiveNumber(flags.sleep, '--sleep', 1, false),
		units,
		diskUnit,
		version: emptyValue('version', flags.version),
		debug: flags.debug,
		healthcheckTime: positiveNumber(flags.healthcheckTime, '--healthcheck-time', 10, false),
		retries: positiveNumber(flags.retries, '--retries', 10, true),
		storeProcess: emptyValue('store-process', flags.storeProcess),
		storeDisk: emptyValue('store-disk', flags.storeDisk),
		headless: flags.headless,
		demo: flags.demo,
	};
}
