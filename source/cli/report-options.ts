import {parseArgs} from 'node:util';
import {defaultThresholds, type Thresholds} from '../report/thresholds.js';
import {UsageError} from './usage-error.js';

export const reportFormats = ['md', 'json', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export type ReportOptions = {
	readonly folder: string;
	readonly baseline: string | undefined;
	readonly format: ReportFormat;
	readonly thresholds: Thresholds;
};

export function reportHelpText(toolVersion: string): string {
	const d = defaultThresholds;
	return `
  wazuh-metrics ${toolVersion} report: summarise a recording, find memory growth, compare with a baseline.

  Usage
    $ wazuh-metrics report <session-folder> [--baseline <session-folder>] [--format md|json|html] [options]

  Reads the CSVs of this tool, of the Python original (wazuh-qa) or of Wazuh 5's monitor.py, also
  while they are being written. The report goes to standard output.

  Options
    --baseline DIR            A recording of the previous release to compare with
    --format md|json|html     Markdown for a GitHub issue (default), JSON for CI, one self-contained HTML file
    --warmup SECONDS          Left out of the trend and the comparison at the start of each daemon
                              (default 10 % of its recorded time, at most 600)
    --alpha P                 Significance level of Welch's test (default ${d.alpha})
    --min-change PERCENT      Smallest change of a mean called a regression (default ${d.minChangePercent})
    --min-cpu POINTS          ... and of CPU, in percentage points of one core (default ${d.minCpuPoints})
    --min-memory MIB          ... and of memory, in MiB (default ${d.minMemoryMiB})
    --leak-min-slope MIB_PER_HOUR   Smallest memory slope called growing (default ${d.leakMinSlopeMiBPerHour})
    --leak-min-growth PERCENT       ... and smallest growth over the analysed time, % of the mean (default ${d.leakMinGrowthPercent})
    --leak-min-growth-mib MIB       ... and in MiB (default ${d.leakMinGrowthMiB})
    --help                    This text
`;
}

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

/** `report`'s arguments (after the word `report`); throws a UsageError with one line. */
export function parseReportOptions(argv: readonly string[]): ReportOptions | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				baseline: {type: 'string'},
				format: {type: 'string'},
				warmup: {type: 'string'},
				alpha: {type: 'string'},
				'min-change': {type: 'string'},
				'min-cpu': {type: 'string'},
				'min-memory': {type: 'string'},
				'leak-min-slope': {type: 'string'},
				'leak-min-growth': {type: 'string'},
				'leak-min-growth-mib': {type: 'string'},
				help: {type: 'boolean'},
			},
		});
	} catch (error: unknown) {
		// Node's messages are one line, but name the option with its quotes and a hint; keep the first sentence.
		throw new UsageError(`report: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\. To specify.*$/, '')}`);
	}

	const {values, positionals} = parsed;
	if (values.help) {
		return 'help';
	}

	if (positionals.length !== 1) {
		throw new UsageError(positionals.length === 0 ? 'report needs the session folder to read (see report --help)' : `report reads one session folder, not ${positionals.length} (use --baseline for the other)`);
	}

	const format = values.format ?? 'md';
	if (!(reportFormats as readonly string[]).includes(format)) {
		throw new UsageError(`--format takes md, json or html, not "${format}"`);
	}

	const d = defaultThresholds;
	const positive = (value: number): boolean => value > 0;
	const atLeastZero = (value: number): boolean => value >= 0;
	return {
		folder: positionals[0]!,
		baseline: values.baseline,
		format: format as ReportFormat,
		thresholds: {
			warmupSeconds: values.warmup === undefined ? undefined : number('--warmup', values.warmup, 0, atLeastZero, 'a number of seconds >= 0'),
			alpha: number('--alpha', values.alpha, d.alpha, value => value > 0 && value < 1, 'a probability between 0 and 1'),
			minChangePercent: number('--min-change', values['min-change'], d.minChangePercent, atLeastZero, 'a percentage >= 0'),
			minCpuPoints: number('--min-cpu', values['min-cpu'], d.minCpuPoints, atLeastZero, 'a number >= 0'),
			minMemoryMiB: number('--min-memory', values['min-memory'], d.minMemoryMiB, atLeastZero, 'a number of MiB >= 0'),
			minCount: d.minCount,
			leakMinSlopeMiBPerHour: number('--leak-min-slope', values['leak-min-slope'], d.leakMinSlopeMiBPerHour, positive, 'a number of MiB per hour > 0'),
			leakMinGrowthPercent: number('--leak-min-growth', values['leak-min-growth'], d.leakMinGrowthPercent, atLeastZero, 'a percentage >= 0'),
			leakMinGrowthMiB: number('--leak-min-growth-mib', values['leak-min-growth-mib'], d.leakMinGrowthMiB, atLeastZero, 'a number of MiB >= 0'),
		},
	};
}
