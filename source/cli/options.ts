import meow from 'meow';
import {type ListenAddress, parseListenAddress} from '../export/listen-address.js';
import {type ByteUnit, byteUnits, type DiskUnit, diskUnits, isByteUnit, isDiskUnit} from '../model/units.js';
import {allArguments, argumentOf} from '../wazuh/daemon-specs.js';
import {type FlagDef, flagByName, flagDefs, meowFlags, optionsHelp} from './flags.js';
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
	/** Which manager --demo simulates: `--demo` a 4.x one, `--demo=5` a 5.x one. */
	readonly demoVersion: 4 | 5;
	/** --install-dir: the one Wazuh installation to watch, instead of those found on the host. */
	readonly installDir: string | undefined;
	/** --match-by-name: any process with a daemon's name, whoever runs it (the original's rule). */
	readonly matchByName: boolean;
	/** --prometheus: where to serve GET /metrics; undefined: no endpoint. */
	readonly prometheus: ListenAddress | undefined;
	/** --textfile: folder of node_exporter's textfile collector, written every tick. */
	readonly textfile: string | undefined;
};

/** The longest interval a timer can wait (setTimeout's limit is 2^31-1 ms, about 24.8 days); a day is plenty. */
const maxSeconds = 86_400;

export function helpText(toolVersion: string): string {
	const names = allArguments().join(', ');
	return `
  wazuh-metrics ${toolVersion}: watch Wazuh daemons and their children live, and record every sample to CSV.

  Usage
    $ wazuh-metrics [<process_name> ...] [options]
    $ wazuh-metrics report <session-folder> [--baseline <session-folder>] [--format md|json|html]
      (a recording summarised and compared; see wazuh-metrics report --help)
    $ wazuh-metrics replay <session-folder>
      (a recording browsed in the live view, with a time cursor; see wazuh-metrics replay --help)

  With no process name, every Wazuh daemon that is running is watched. A daemon is the program
  installed in the Wazuh folder (/var/wazuh-manager for a 5.x manager, /var/ossec for 4.x and agents),
  run by root or the Wazuh user; the names resolve to what this host runs (analysisd is
  wazuh-manager-analysisd on a 5.x manager).
  Process names: ${names}

  Options
${optionsHelp()}

  Examples
    $ wazuh-metrics --demo
    $ wazuh-metrics analysisd remoted db -s 0.5 --disk /var/ossec/logs/archives/archives.json
    $ wazuh-metrics apid clusterd --headless --store-process /root/load-test
`;
}

type FlagSpec = Pick<FlagDef, 'name' | 'short' | 'takesValue'>;

const flagSpecs: readonly FlagSpec[] = flagDefs.filter(flag => !flag.hidden);

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
		// `--demo=5`: an optional value, carried to meow as its own flag.
		if (spec.name === 'demo' && token.includes('=')) {
			const value = token.slice(token.indexOf('=') + 1);
			if (value !== '4' && value !== '5') {
				throw new UsageError(`--demo takes 4 or 5 (the Wazuh manager to simulate), not "${value}"`);
			}

			result.push(flag, '--demo-version', value);
			continue;
		}

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

		// `--version` alone, as users of other tools type it: this tool's version, not an error. With a
		// value it keeps the original script's meaning (the Wazuh version written into the CSVs).
		const next = argv[index + 1];
		if (spec.name === 'version' && (next === undefined || (next.startsWith('-') && next.length > 1 && !/^-\d/.test(next)))) {
			result.push('--tool-version');
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

/** --prometheus, checked against --prometheus-public: a reachable address only when asked for. */
function exportOptions(raw: string | undefined, allowPublic: boolean, textfile: string | undefined): Pick<Options, 'prometheus' | 'textfile'> {
	if (raw === undefined) {
		if (allowPublic) {
			throw new UsageError('--prometheus-public needs --prometheus ADDR:PORT');
		}

		return {prometheus: undefined, textfile};
	}

	const address = parseListenAddress(raw);
	if (typeof address === 'string') {
		throw new UsageError(`--prometheus: ${address}`);
	}

	if (!address.loopback && !allowPublic) {
		throw new UsageError(`--prometheus ${raw} can be reached from other hosts, and the metrics include what only root may read: add --prometheus-public to mean it, or give only a port (127.0.0.1)`);
	}

	return {prometheus: address, textfile};
}

/** What meow returns for `meowFlags()` (camel-cased names; values still unchecked text). */
type ParsedFlags = {
	readonly disk?: string[];
	readonly sleep?: string;
	readonly units?: string;
	readonly diskUnit?: string;
	readonly version?: string;
	readonly debug: boolean;
	readonly healthcheckTime?: string;
	readonly retries?: string;
	readonly storeProcess?: string;
	readonly storeDisk?: string;
	readonly headless: boolean;
	readonly demo: boolean;
	readonly demoVersion?: string;
	readonly installDir?: string;
	readonly matchByName: boolean;
	readonly prometheus?: string;
	readonly prometheusPublic: boolean;
	readonly textfile?: string;
};

/** The table's default of a flag (flags.ts), for the parser. */
function defaultOf(name: string): string {
	const value = flagByName(name)?.default;
	if (value === undefined) {
		throw new Error(`flag --${name} has no default in the flag table`);
	}

	return value;
}

/** Parses and validates the command line. Throws UsageError (one line, exit status 2). */
export function parseOptions(argv: readonly string[], toolVersion: string): Options | 'help' | 'tool-version' {
	const normalized = normalizeArgv(argv);
	if (normalized.includes('--help')) {
		return 'help';
	}

	if (normalized.includes('--tool-version')) {
		return 'tool-version';
	}

	// Every flag is read as a string and validated here, so bad values get our one-line messages.
	const cli = meow(helpText(toolVersion), {
		importMeta: import.meta,
		// Given, so meow reads no package.json from disk (there is none beside a single-file build);
		// the name is also the process title meow sets.
		pkg: {name: 'wazuh-metrics', version: toolVersion},
		argv: normalized,
		autoHelp: false,
		autoVersion: false,
		allowUnknownFlags: false,
		flags: meowFlags(),
	});
	// meow's flags are typed from a literal spec; made from the table, they are typed here instead.
	const flags = cli.flags as unknown as ParsedFlags;

	// Units in any case (`-u mb`), written as the CSVs name them.
	const units = (flags.units ?? defaultOf('units')).toUpperCase();
	if (!isByteUnit(units)) {
		throw new UsageError(`unknown unit "${flags.units ?? ''}" for --units (use ${byteUnits.join(', ')}, in any case)`);
	}

	const diskUnit = (flags.diskUnit ?? defaultOf('disk-unit')).toUpperCase();
	if (!isDiskUnit(diskUnit)) {
		throw new UsageError(`unknown unit "${flags.diskUnit ?? ''}" for --disk-unit (use ${diskUnits.join(', ')}, in any case)`);
	}

	const daemons = cli.input.map(name => {
		const argument = argumentOf(name);
		if (argument === undefined) {
			throw new UsageError(`unknown process name "${name}" (valid: ${allArguments().join(', ')})`);
		}

		return argument;
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
		...exportOptions(flags.prometheus, flags.prometheusPublic, emptyValue('textfile', flags.textfile)),
		daemons: [...new Set(daemons)],
		disk: flags.disk ?? [],
		sleep: positiveNumber(flags.sleep, '--sleep', Number(defaultOf('sleep')), false),
		units,
		diskUnit,
		version: emptyValue('version', flags.version),
		debug: flags.debug,
		healthcheckTime: positiveNumber(flags.healthcheckTime, '--healthcheck-time', Number(defaultOf('healthcheck-time')), false),
		retries: positiveNumber(flags.retries, '--retries', Number(defaultOf('retries')), true),
		storeProcess: emptyValue('store-process', flags.storeProcess),
		storeDisk: emptyValue('store-disk', flags.storeDisk),
		headless: flags.headless,
		demo: flags.demo,
		demoVersion: flags.demoVersion === '5' ? 5 : 4,
		installDir: emptyValue('install-dir', flags.installDir),
		matchByName: flags.matchByName,
	};
}
