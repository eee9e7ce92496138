import {type ListenAddress, parseListenAddress} from '../export/listen-address.js';
import {type ByteUnit, byteUnits, type DiskUnit, diskUnits} from '../model/units.js';
import {allArguments, argumentOf} from '../wazuh/daemon-specs.js';
import {commandHelp} from './options/help.js';
import {mainCommand} from './options/main.js';
import {choiceOf, defaultOf, optionOf} from './options/option-table.js';
import {parseArgv} from './options/parse-argv.js';
import {replayCommand} from './options/replay.js';
import {reportCommand} from './options/report.js';
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
	/** --stats-interval: seconds between reads of the daemons' own statistics; undefined with --no-stats. */
	readonly statsInterval: number | undefined;
	/** --store-stats: folder of the statistics CSVs (default <store-process>/stats). */
	readonly storeStats: string | undefined;
	readonly headless: boolean;
	/** --ascii: draw the screen with ASCII only, whatever the locale. */
	readonly ascii: boolean;
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
	return commandHelp(mainCommand, toolVersion, [reportCommand, replayCommand]);
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

/** A closed-set value in the table's spelling (`-u mb` is `MB`), or a UsageError in `say`'s words. */
function choice(name: string, raw: string | undefined, say: (raw: string) => string): string {
	const value = raw ?? defaultOf(mainCommand, name);
	const chosen = choiceOf(optionOf(mainCommand, name), value);
	if (chosen === undefined) {
		throw new UsageError(say(value));
	}

	return chosen;
}

/**
 * Parses and validates the command line, read by the table in options/main.ts. Throws UsageError
 * (one line, exit status 2).
 */
export function parseOptions(argv: readonly string[]): Options | 'help' | 'tool-version' {
	const {values, operands} = parseArgv(mainCommand, argv);
	const one = (name: string): string | undefined => values.get(name)?.[0];
	// `--demo=5`: a value only after `=` (a word after --demo is a process name).
	const demo = values.get('demo');
	const demoVersion = demo?.[0] === undefined ? '4' : choice('demo', demo[0], value => `--demo takes 4 or 5 (the Wazuh manager to simulate), not "${value}"`);
	if (values.has('help')) {
		return 'help';
	}

	// `--version` alone, as users of other tools type it: this tool's version, not an error. With a
	// value it keeps the original script's meaning (the Wazuh version written into the CSVs).
	if (values.get('version')?.length === 0) {
		return 'tool-version';
	}

	// Units in any case (`-u mb`), written as the CSVs name them.
	const units = choice('units', one('units'), value => `unknown unit "${value}" for --units (use ${byteUnits.join(', ')}, in any case)`) as ByteUnit;
	const diskUnit = choice('disk-unit', one('disk-unit'), value => `unknown unit "${value}" for --disk-unit (use ${diskUnits.join(', ')}, in any case)`) as DiskUnit;
	const daemons = operands.map(name => {
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

	const disk = values.get('disk') ?? [];
	for (const path of disk) {
		emptyValue('disk', path);
	}

	const number = (name: string, integer: boolean): number => positiveNumber(one(name), `--${name}`, Number(defaultOf(mainCommand, name)), integer);
	return {
		...exportOptions(one('prometheus'), values.has('prometheus-public'), emptyValue('textfile', one('textfile'))),
		daemons: [...new Set(daemons)],
		disk,
		sleep: number('sleep', false),
		units,
		diskUnit,
		version: emptyValue('version', one('version')),
		debug: values.has('debug'),
		healthcheckTime: number('healthcheck-time', false),
		retries: number('retries', true),
		storeProcess: emptyValue('store-process', one('store-process')),
		storeDisk: emptyValue('store-disk', one('store-disk')),
		statsInterval: values.has('no-stats') ? undefined : number('stats-interval', false),
		storeStats: emptyValue('store-stats', one('store-stats')),
		headless: values.has('headless'),
		ascii: values.has('ascii'),
		demo: demo !== undefined,
		demoVersion: demoVersion === '5' ? 5 : 4,
		installDir: emptyValue('install-dir', one('install-dir')),
		matchByName: values.has('match-by-name'),
	};
}
