import {defaultFlags, gateVerdicts} from '../../report/gate.js';
import {defaultThresholds} from '../../report/thresholds.js';
import {type CommandDef, helpOption} from './option-table.js';

const reportFormats = ['md', 'json', 'html', 'junit'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const d = defaultThresholds;

/** `wazuh-metrics report <session-folder>`: a recording summarised, and compared with a baseline. */
export const reportCommand: CommandDef = {
	command: 'report',
	summary: 'summarise a recording, find memory growth, compare with a baseline',
	usage: '<session-folder> [--baseline <session-folder>] [--format md|json|html|junit] [--fail-on VERDICTS] [options]',
	operand: {name: 'session-folder', complete: 'directory'},
	description: [
		'Reads the CSVs of this tool, of the Python original (wazuh-qa) or of Wazuh 5\'s monitor.py, also while they are being written. The report goes to standard output.',
	],
	repeated: 'last wins',
	options: [
		{name: 'baseline', value: 'DIR', complete: 'directory', help: 'A recording of the previous release to compare with'},
		{name: 'format', value: 'FORMAT', choices: reportFormats, default: 'md', help: 'Markdown for a GitHub issue, JSON for CI, one self-contained HTML file, JUnit XML for a CI\'s test view'},
		{
			name: 'fail-on',
			value: 'VERDICTS',
			multiple: true,
			help: `Exit 3 when the verdict against the baseline, or a daemon's memory verdict, is one of these (a comma list, or the option repeated): ${gateVerdicts.join(' | ')}. In JUnit, the checks they flag fail (without it: ${defaultFlags.join(',')})`,
			details: 'The report is printed as usual first. The daemon statistics\' verdicts are not gated. A verdict against the baseline needs --baseline.',
		},
		{name: 'warmup', value: 'SECONDS', defaultText: '10 % of its recorded time, at most 600', help: 'Left out of the trend and the comparison at the start of each daemon'},
		{name: 'alpha', value: 'P', default: String(d.alpha), help: 'Significance level of Welch\'s test'},
		{name: 'min-change', value: 'PERCENT', default: String(d.minChangePercent), help: 'Smallest change of a mean called a regression'},
		{name: 'min-cpu', value: 'POINTS', default: String(d.minCpuPoints), help: '... and of CPU, in percentage points of one core'},
		{name: 'min-memory', value: 'MIB', default: String(d.minMemoryMiB), help: '... and of memory, in MiB'},
		{name: 'leak-min-slope', value: 'MIB_PER_HOUR', default: String(d.leakMinSlopeMiBPerHour), help: 'Smallest memory slope called growing'},
		{name: 'leak-min-growth', value: 'PERCENT', default: String(d.leakMinGrowthPercent), help: '... and smallest growth over the analysed time, % of the mean'},
		{name: 'leak-min-growth-mib', value: 'MIB', default: String(d.leakMinGrowthMiB), help: '... and in MiB'},
		// No -h: report never had it (Node's parseArgs read its options before this table).
		{...helpOption, short: undefined},
	],
	examples: [
		'wazuh-metrics report /var/log/wazuh-metrics/28-11-2026/1764309470',
		'wazuh-metrics report RC2_FOLDER --baseline RC1_FOLDER > footprint.md',
		'wazuh-metrics report RC2_FOLDER --baseline RC1_FOLDER --format json > report.json',
		'wazuh-metrics report RC2_FOLDER --baseline RC1_FOLDER --format html > report.html',
		'wazuh-metrics report RC2_FOLDER --baseline RC1_FOLDER --fail-on regression,growing --format junit > report.xml',
	],
	exitStatus: [
		[0, 'The report was written to standard output.'],
		[1, 'An unexpected error (a bug), said in one line on standard error.'],
		[2, 'Bad input, said in one line on standard error: an unknown option, a bad value, a folder that is missing, a symlink, or holds no recording.'],
		[3, 'A verdict named by --fail-on was reached (said in one line on standard error); the report was written as usual.'],
	],
};
