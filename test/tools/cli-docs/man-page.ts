import {type CommandDef, commandLine, type OptionDef, shownDefault, valueName} from '../../../source/cli/options/option-table.js';
import {commands} from './commands.js';

/** Text on a roff line: backslashes and minus signs literal (`\-` copies as `-`), no leading control character. */
export function roff(text: string): string {
	return text.replaceAll('\\', '\\e').replaceAll('-', '\\-').replace(/^[.']/, '\\&$&');
}

const bold = (text: string): string => `\\fB${roff(text)}\\fR`;
const italic = (text: string): string => `\\fI${roff(text)}\\fR`;

/** A usage line marked up: options bold, `<operands>` and `options` italic. */
function usage(text: string): string {
	return text.split(' ').map(word => word.replace(/^(\[?)(.*?)(\]?)$/, (_all, open: string, inner: string, close: string) => {
		const marked = inner.startsWith('-') ? bold(inner) : (/^<.*>$/.test(inner) ? italic(inner.slice(1, -1)) : (inner === 'options' ? italic(inner) : roff(inner)));
		return `${open}${marked}${close}`;
	})).join(' ');
}

/** The tag of an option's paragraph: `-s, --sleep SECONDS`, `--demo[=4|5]`. */
function optionTag(option: OptionDef): string {
	const names = `${option.short === undefined ? '' : `${bold(`-${option.short}`)}, `}${bold(`--${option.name}`)}`;
	const value = valueName(option);
	if (value === undefined) {
		return names;
	}

	switch (option.optionalValue) {
		case 'attached': {
			return `${names}[=${italic(value)}]`;
		}

		case 'alone': {
			return `${names} [${italic(value)}]`;
		}

		default: {
			return `${names} ${italic(value)}`;
		}
	}
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

function optionLines(options: readonly OptionDef[]): string[] {
	return options.flatMap(option => {
		const fallback = shownDefault(option);
		const text = [sentence(option.help), ...fallback === undefined ? [] : [`Default: ${fallback}.`], ...option.details === undefined ? [] : [option.details]];
		return ['.TP', optionTag(option), roff(text.join(' '))];
	});
}

const paragraphs = (texts: readonly string[]): string[] => texts.flatMap(text => ['.PP', roff(text)]);

function synopsis(command: CommandDef): string[] {
	return [`.B ${roff(commandLine(command))}`, usage(command.usage)];
}

/** The REPORT and REPLAY sections: each subcommand's synopsis, description and options. */
function subcommandSection(command: CommandDef): string[] {
	return [
		`.SH ${command.command!.toUpperCase()}`,
		...synopsis(command),
		...paragraphs([`${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`, ...command.description]),
		'.SS Options',
		...optionLines(command.options),
	];
}

function exitStatus(): string[] {
	return commands.flatMap(command => [
		...command.command === undefined ? [] : ['.PP', `${bold(commandLine(command))}:`],
		...command.exitStatus.flatMap(([code, meaning]) => ['.TP', `.B ${code}`, roff(meaning)]),
	]);
}

const files: ReadonlyArray<readonly [string, string]> = [
	['/var/log/wazuh-metrics/', 'The state folder when run as root: the log file wazuh-metrics.log, and a session folder per run, <dd-mm-YYYY>/<epoch>/, with the process CSVs, session.json and, with --disk, files/ with the disk CSVs.'],
	['~/.local/state/wazuh-metrics/', 'The same for other users ($STATE_DIRECTORY when set, a systemd service; else $XDG_STATE_HOME/wazuh-metrics/ when XDG_STATE_HOME is set; the log in $LOGS_DIRECTORY when set). The log is at most 10 MiB, with one older copy, wazuh-metrics.log.1.'],
	['/var/ossec/, /var/wazuh-manager/', 'Where the Wazuh installations are looked for (4.x managers and agents, 5.x managers), unless --install-dir names one.'],
];

/** The man page, wazuh-metrics(1). No date: the page must not depend on when or where it is made. */
export function manPage(version: string): string {
	const [main, ...subcommands] = commands;
	return [
		`.TH WAZUH\\-METRICS 1 "" "wazuh\\-metrics ${roff(version)}" "User Commands"`,
		'.\\" Written by `npm run docs` from the option tables in source/cli/options/; do not edit.',
		// Left-aligned and not hyphenated: option names and paths are copied as they are shown.
		'.ad l',
		'.nh',
		'.SH NAME',
		`wazuh\\-metrics \\- ${roff(main!.summary)}; report on and replay recordings`,
		'.SH SYNOPSIS',
		...commands.flatMap((command, index) => [...index === 0 ? [] : ['.br'], ...synopsis(command)]),
		'.SH DESCRIPTION',
		...paragraphs([`${main!.summary[0]!.toUpperCase()}${main!.summary.slice(1)}, as top does for processes; the recording is read again by ${commandLine(subcommands[0]!)} and ${commandLine(subcommands[1]!)} (see below).`, ...main!.description]),
		'.SH OPTIONS',
		...optionLines(main!.options),
		...subcommands.flatMap(command => subcommandSection(command)),
		'.SH EXIT STATUS',
		...exitStatus(),
		'.SH ENVIRONMENT',
		...commands.flatMap(command => (command.environment ?? []).flatMap(([name, meaning]) => ['.TP', bold(name), roff(meaning)])),
		'.SH FILES',
		...files.flatMap(([path, meaning]) => ['.TP', bold(path), roff(meaning)]),
		'.SH EXAMPLES',
		...commands.flatMap(command => ['.PP', '.RS 4', '.nf', ...command.examples.map(example => roff(example)), '.fi', '.RE']),
		'.SH SEE ALSO',
		'.BR top (1),',
		'.BR atop (1),',
		'.BR prometheus (1).',
		'.PP',
		roff('docs/cli.md and README.md in the source for the options, the screen, the CSV columns and the report.'),
		'',
	].join('\n');
}
