import type {CommandDef, OptionDef} from '../../../source/cli/options/option-table.js';
import {briefOf, commands, keyOf, shellWords} from './commands.js';

/** Text inside an _arguments spec, itself inside single quotes: quotes, brackets and colons escaped. */
function specText(text: string): string {
	return text.replaceAll('\\', '\\\\').replaceAll(/[[\]:]/g, '\\$&').replaceAll('\'', '\'\\\'\'');
}

/** `:message:action` of an option's value or an operand. */
function argument(message: string, option: Pick<OptionDef, 'choices' | 'complete'>): string {
	if (option.choices !== undefined) {
		return `:${specText(message)}:(${shellWords(option.choices)})`;
	}

	if (option.complete !== undefined) {
		return `:${specText(message)}:${option.complete === 'directory' ? '_files -/' : '_files'}`;
	}

	return `:${specText(message)}: `;
}

/** One option's _arguments spec: `'(-s --sleep)'{-s,--sleep=}'[Time between samples]:seconds: '`. */
function optionSpec(option: OptionDef): string {
	let long = `--${option.name}`;
	let value = '';
	if (option.value !== undefined) {
		// `=`: --name=value or --name value; `=-`: only --name=value.
		long += option.optionalValue === 'attached' ? '=-' : '=';
		value = `${option.optionalValue === undefined ? '' : ':'}${argument(option.value.replace(/\.+$/, '').replaceAll('_', ' ').toLowerCase(), option)}`;
	}

	const describe = `[${specText(briefOf(option))}]${value}`;
	if (option.multiple) {
		return `'*${long}${describe}'`;
	}

	return option.short === undefined
		? `'${long}${describe}'`
		: `'(-${option.short} --${option.name})'{-${option.short},${long}}'${describe}'`;
}

function commandFunction(command: CommandDef, subcommands: readonly string[]): string[] {
	const {operand} = command;
	const operandName = operand.name.replaceAll(/[-_]/g, ' ');
	const operands = operand.repeated
		? [
			...subcommands.length === 0 ? [] : [`'1:command or ${operandName}:(${shellWords([...subcommands, ...operand.choices ?? []])})'`],
			`'*${argument(operandName, operand)}'`,
		]
		: [`'1${argument(operandName, operand)}'`];
	return [
		`_wazuh-metrics-${keyOf(command)}() {`,
		'\t_arguments -S \\',
		...[...command.options.map(option => optionSpec(option)), ...operands].map((spec, index, all) => `\t\t${spec}${index === all.length - 1 ? '' : ' \\'}`),
		'}',
	];
}

/** The zsh completion function, contrib/completions/_wazuh-metrics. */
export function zshCompletion(version: string): string {
	const subcommands = commands.flatMap(command => command.command ?? []);
	return [
		'#compdef wazuh-metrics',
		`# zsh completion for wazuh-metrics ${version}: subcommands, options, their values, process names.`,
		'# Written by `npm run docs` from the option tables in source/cli/options/; do not edit.',
		'# Install: copy into a folder of $fpath (/usr/share/zsh/vendor-completions on Debian).',
		'',
		...commands.flatMap(command => [...commandFunction(command, command.command === undefined ? subcommands : []), '']),
		'_wazuh-metrics() {',
		`\tif ((CURRENT > 2)) && [[ \${words[2]} == (${subcommands.join('|')}) ]]; then`,
		'\t\tlocal command=${words[2]}',
		'\t\t# The subcommand\'s own options: its words as if it were the command.',
		'\t\tshift words',
		'\t\t((CURRENT--))',
		'\t\t_wazuh-metrics-$command',
		'\telse',
		'\t\t_wazuh-metrics-main',
		'\tfi',
		'}',
		'',
		'_wazuh-metrics "$@"',
		'',
	].join('\n');
}
