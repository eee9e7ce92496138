import {type GateVerdict, gateVerdicts} from '../report/gate.js';
import {reportVerdicts} from '../report/report-model.js';
import {defaultThresholds, type Thresholds} from '../report/thresholds.js';
import {commandHelp} from './options/help.js';
import {choiceOf, defaultOf, optionOf} from './options/option-table.js';
import {defaultMessages, parseArgv, type ParseMessages} from './options/parse-argv.js';
import {reportCommand, type ReportFormat} from './options/report.js';
import {UsageError} from './usage-error.js';


export type ReportOptions = {
	readonly folder: string;
	readonly baseline: string | undefined;
	readonly format: ReportFormat;
	readonly thresholds: Thresholds;
	/** The verdicts `--fail-on` named (undefined: not given, exit 0 with any report). */
	readonly failOn: readonly GateVerdict[] | undefined;
};

export function reportHelpText(toolVersion: string): string {
	return commandHelp(reportCommand, toolVersion);
}

/** The words Node's parseArgs said these errors in, which report used before its table: kept for scripts. */
const messages: ParseMessages = {
	...defaultMessages(reportCommand),
	unknown: flag => `report: Unknown option '${flag}'`,
	missing: (_option, flag) => `report: Option '${flag} <value>' argument missing`,
	noValue: flag => `report: Option '${flag}' does not take an argument`,
};

function number(flag: string, text: string | undefined, fallback: number, check: (value: number) => boolean, what: string): number {
	if (text === undefined) {
		return fallback;
	}

	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || !check(value)) {
		throw new UsageError(`${flag} takes ${what}, not "${text}"`);
	}

	return value;
}

/** `--fail-on`'s values (each a comma list), checked against the verdicts the report computes. */
function failOn(given: readonly string[] | undefined, baseline: string | undefined): GateVerdict[] | undefined {
	if (given === undefined) {
		return undefined;
	}

	const names = given.flatMap(value => value.split(',')).map(name => name.trim());
	const named: GateVerdict[] = [];
	for (const name of names) {
		const verdict = gateVerdicts.find(each => each === name);
		if (verdict === undefined) {
			throw new UsageError(`--fail-on takes verdicts of the report, comma-separated (${gateVerdicts.join(' | ')}), not "${name}"`);
		}

		if (!named.includes(verdict)) {
			named.push(verdict);
		}
	}

	const needsBaseline = named.find(verdict => (reportVerdicts as readonly string[]).includes(verdict));
	if (needsBaseline !== undefined && baseline === undefined) {
		throw new UsageError(`--fail-on ${needsBaseline} needs --baseline: without one the report has no verdict against a baseline`);
	}

	return named;
}

/** `report`'s arguments (after the word `report`), read by its table; throws a UsageError with one line. */
export function parseReportOptions(argv: readonly string[]): ReportOptions | 'help' {
	const {values, operands} = parseArgv(reportCommand, argv, messages);
	if (values.has('help')) {
		return 'help';
	}

	if (operands.length !== 1) {
		throw new UsageError(operands.length === 0 ? 'report needs the session folder to read (see report --help)' : `report reads one session folder, not ${operands.length} (use --baseline for the other)`);
	}

	const one = (name: string): string | undefined => values.get(name)?.[0];
	const format = one('format') ?? defaultOf(reportCommand, 'format');
	const formats = optionOf(reportCommand, 'format').choices ?? [];
	if (choiceOf(optionOf(reportCommand, 'format'), format) === undefined) {
		throw new UsageError(`--format takes ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)!}, not "${format}"`);
	}

	/** A threshold: the option's value or the table's default, checked. */
	const threshold = (name: string, check: (value: number) => boolean, what: string): number =>
		number(`--${name}`, one(name), Number(defaultOf(reportCommand, name)), check, what);
	const positive = (value: number): boolean => value > 0;
	const atLeastZero = (value: number): boolean => value >= 0;
	const warmup = one('warmup');
	const baseline = one('baseline');
	return {
		folder: operands[0]!,
		baseline,
		format: format as ReportFormat,
		failOn: failOn(values.get('fail-on'), baseline),
		thresholds: {
			warmupSeconds: warmup === undefined ? undefined : number('--warmup', warmup, 0, atLeastZero, 'a number of seconds >= 0'),
			alpha: threshold('alpha', value => value > 0 && value < 1, 'a probability between 0 and 1'),
			minChangePercent: threshold('min-change', atLeastZero, 'a percentage >= 0'),
			minCpuPoints: threshold('min-cpu', atLeastZero, 'a number >= 0'),
			minMemoryMiB: threshold('min-memory', atLeastZero, 'a number of MiB >= 0'),
			minCount: defaultThresholds.minCount,
			leakMinSlopeMiBPerHour: threshold('leak-min-slope', positive, 'a number of MiB per hour > 0'),
			leakMinGrowthPercent: threshold('leak-min-growth', atLeastZero, 'a percentage >= 0'),
			leakMinGrowthMiB: threshold('leak-min-growth-mib', atLeastZero, 'a number of MiB >= 0'),
		},
	};
}
