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
	/** False with --no-record: no CSV, no session folder, only the exporters. */
	readonly record: boolean;
	/** --retain: days after which our own default session folders are removed; undefined: kept forever. */
	readonly retain: number | undefined;
	/** --batch: the table as plain text on stdout every sample, no full screen. */
	readonly batch: boolean;
	/** -n, --iterations: samples before the run stops (exit 0); undefined: until stopped. */
	readonly iterations: number | undefined;
};

/** --retain's ceiling: a century, so the cutoff stays a plain date. */
const maxRetainDays = 36_500;

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

	return value;
}

/** A number of seconds, within the option's minimum (from its table entry) and a day. */
function seconds(raw: string | undefined, name: string): number {
	const option = optionOf(mainCommand, name);
	const value = positiveNumber(raw, `--${name}`, Number(defaultOf(mainCommand, name)), false);
	// As typed most often: `-s 0.05`.
	const typed = `${option.short === undefined ? `--${name}` : `-${option.short}`} ${raw}`;
	if (option.minimum !== undefined && value < option.minimum.value) {
		throw new UsageError(`${typed}: the interval must be at least ${option.minimum.value} s; ${option.minimum.why}`);
	}

	if (value > maxSeconds) {
		throw new UsageError(`--${name} must be at most ${maxSeconds} seconds (got "${raw}")`);
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

/** --no-record and --retain, checked against the options they contradict or need. */
function recordingOptions(values: ReadonlyMap<string, readonly string[]>, exporting: boolean): Pick<Options, 'record' | 'retain'> {
	const raw = values.get('retain')?.[0];
	let retain: number | undefined;
	if (raw !== undefined) {
		retain = Number(raw);
		if (!/^\d+$/.test(raw.trim()) || retain <= 0 || retain > maxRetainDays) {
			throw new UsageError(`--retain must be a whole number of days from 1 to ${maxRetainDays} (got "${raw}")`);
		}

		if (values.has('store-process')) {
			throw new UsageError('--retain cleans only the default state folder: it cannot be used with --store-process');
		}
	}

	if (!values.has('no-record')) {
		return {record: true, retain};
	}

	if (!exporting) {
		throw new UsageError('--no-record needs --prometheus or --textfile: without them nothing would be recorded or exported');
	}

	const contradicted = ['store-process', 'store-disk', 'store-stats', 'retain'].find(name => values.has(name));
	if (contradicted !== undefined) {
		throw new UsageError(`--no-record records nothing, so --${contradicted} contradicts it`);
	}

	return {record: false, retain: undefined};
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

	const exports = exportOptions(one('prometheus'), values.has('prometheus-public'), emptyValue('textfile', one('textfile')));
	const iterations = one('iterations');
	if (values.has('batch') && values.has('headless')) {
		throw new UsageError('--batch prints the table and --headless prints none: give one of them');
	}

	return {
		...exports,
		...recordingOptions(values, exports.prometheus !== undefined || exports.textfile !== undefined),
		daemons: [...new Set(daemons)],
		disk,
		sleep: seconds(one('sleep'), 'sleep'),
		units,
		diskUnit,
		version: emptyValue('version', one('version')),
		debug: values.has('debug'),
		healthcheckTime: seconds(one('healthcheck-time'), 'healthcheck-time'),
		retries: positiveNumber(one('retries'), '--retries', Number(defaultOf(mainCommand, 'retries')), true),
		storeProcess: emptyValue('store-process', one('store-process')),
		storeDisk: emptyValue('store-disk', one('store-disk')),
		statsInterval: values.has('no-stats') ? undefined : seconds(one('stats-interval'), 'stats-interval'),
		storeStats: emptyValue('store-stats', one('store-stats')),
		headless: values.has('headless'),
		ascii: values.has('ascii'),
		demo: demo !== undefined,
		demoVersion: demoVersion === '5' ? 5 : 4,
		installDir: emptyValue('install-dir', one('install-dir')),
		matchByName: values.has('match-by-name'),
		batch: values.has('batch'),
		iterations: iterations === undefined ? undefined : positiveNumber(iterations, '-n', 0, true),
	};
}
