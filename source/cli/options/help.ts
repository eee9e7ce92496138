import {type CommandDef, commandLine, type OptionDef, shownDefault, valueName} from './option-table.js';

/** `--help` is wrapped to this many columns. */
const width = 100;

/** Words filled into lines of at most `columns` characters (a longer word gets a line of its own). */
function wrap(text: string, columns: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line !== '' && line.length + 1 + word.length > columns) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	return line === '' ? lines : [...lines, line];
}

/** The option's value as the usage shows it: `SECONDS`, `[VERSION]` (may be left out), `[=4|5]`. */
export function valueLabel(option: OptionDef): string {
	const value = valueName(option);
	if (value === undefined) {
		return '';
	}

	switch (option.optionalValue) {
		case 'attached': {
			return `[=${value}]`;
		}

		case 'alone': {
			return ` [${value}]`;
		}

		default: {
			return ` ${value}`;
		}
	}
}

/** `-s, --sleep SECONDS`, `--disk PATH...`, `--demo[=4|5]`. */
function optionLabel(option: OptionDef): string {
	return `${option.short === undefined ? '' : `-${option.short}, `}--${option.name}${valueLabel(option)}`;
}

/** What `--help` says of an option: its help and its default. */
function optionText(option: OptionDef): string {
	const fallback = shownDefault(option);
	return fallback === undefined ? option.help : `${option.help} (default: ${fallback})`;
}

function optionLines(options: readonly OptionDef[]): string[] {
	const column = Math.max(...options.map(option => optionLabel(option).length)) + 2;
	return options.flatMap(option => {
		const [first = '', ...rest] = wrap(optionText(option), width - 4 - column);
		return [`    ${optionLabel(option).padEnd(column)}${first}`, ...rest.map(line => `    ${' '.repeat(column)}${line}`)];
	});
}

/** A command's `--help`; the main command's lists its subcommands (`others`) in its usage. */
export function commandHelp(command: CommandDef, toolVersion: string, others: readonly CommandDef[] = []): string {
	const title = `${command.command === undefined ? `wazuh-metrics ${toolVersion}` : `wazuh-metrics ${toolVersion} ${command.command}`}: ${command.summary}.`;
	const usage = [
		`    $ ${commandLine(command)} ${command.usage}`,
		...others.flatMap(other => [
			`    $ ${commandLine(other)} ${other.usage}`,
			`      (${other.summary}; see ${commandLine(other)} --help)`,
		]),
	];
	const sections = [
		[`  ${title}`],
		['  Usage', ...usage],
		...command.description.map(paragraph => wrap(paragraph, width - 2).map(line => `  ${line}`)),
		['  Options', ...optionLines(command.options)],
		['  Examples', ...command.examples.map(example => `    $ ${example}`)],
		...command.environment === undefined ? [] : [['  Environment', ...command.environment.flatMap(([name, meaning]) => [`    ${name}`, ...wrap(meaning, width - 8).map(line => `        ${line}`)])]],
	];
	return `\n${sections.map(lines => lines.join('\n')).join('\n\n')}\n`;
}
