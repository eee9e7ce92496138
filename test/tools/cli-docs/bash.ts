import type {CommandDef, OptionDef} from '../../../source/cli/options/option-table.js';
import {commands, keyOf, shellWords} from './commands.js';

/** What completes an option's value: its choices, paths, folders, or nothing (a number, a version). */
function valueAction(option: OptionDef): string {
	if (option.choices !== undefined) {
		return `_wazuh_metrics_words '${shellWords(option.choices)}' "$2"`;
	}

	if (option.complete !== undefined) {
		return `_wazuh_metrics_paths ${option.complete === 'directory' ? '-d' : '-f'} "$2"`;
	}

	return ':';
}

/** The `case` lines of one command's option values: `main:--units | main:-u | ...)`. */
function valueCases(command: CommandDef): string[] {
	const key = keyOf(command);
	return command.options.filter(option => option.value !== undefined).map(option => {
		const names = [`--${option.name}`, ...option.short === undefined ? [] : [`-${option.short}`]];
		// A value given after `=` (`--demo=5`); also as the next word, unless it may only be attached.
		const patterns = names.flatMap(name => [...option.optionalValue === 'attached' ? [] : [`${key}:${name}`], `${key}:${name}=`]);
		return `\t${patterns.join(' | ')}) ${valueAction(option)} ;;`;
	});
}

function operandAction(command: CommandDef, subcommands: readonly string[]): string[] {
	const {operand} = command;
	if (operand.choices === undefined) {
		return [`\t\t_wazuh_metrics_paths ${operand.complete === 'directory' ? '-d' : '-f'} "$cur"`];
	}

	const first = subcommands.length === 0 ? [] : [`\t\t((COMP_CWORD == 1)) && words='${shellWords(subcommands)} '$words`];
	return [`\t\tlocal words='${shellWords(operand.choices)}'`, ...first, '\t\t_wazuh_metrics_words "$words" "$cur"'];
}

/** The bash completion script, contrib/completions/wazuh-metrics.bash. */
export function bashCompletion(version: string): string {
	const subcommands = commands.flatMap(command => command.command ?? []);
	const variadic = commands.flatMap(command => command.options.filter(option => option.variadic).map(option => `${keyOf(command)}:--${option.name}`));
	return `# bash completion for wazuh-metrics ${version}: subcommands, options, their values, process names.
# Written by \`npm run docs\` from the option tables in source/cli/options/; do not edit.
# Install: copy to /usr/share/bash-completion/completions/wazuh-metrics, or source it.

_wazuh_metrics_words() {
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

# -f: files and folders; -d: folders only.
_wazuh_metrics_paths() {
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen "$1" -- "$2")
}

# The values of an option ("command:option", with = at the end when typed as --option=value).
# Fails for a word that is not an option taking a value.
_wazuh_metrics_value() {
	case $1 in
${commands.flatMap(command => valueCases(command)).join('\n')}
	*) return 1 ;;
	esac
}

_wazuh_metrics() {
	local cur=\${COMP_WORDS[COMP_CWORD]} command=main first=1 options=1 i word
	COMPREPLY=()
	if ((COMP_CWORD > 1)) && [[ \${COMP_WORDS[1]} == @(${subcommands.join('|')}) ]]; then
		command=\${COMP_WORDS[1]}
		first=2
	fi

	# --option=value: bash splits the word at = (COMP_WORDBREAKS); the value follows a lone =.
	if [[ $cur == = ]]; then
		_wazuh_metrics_value "$command:\${COMP_WORDS[COMP_CWORD - 1]}=" ''
		return 0
	fi

	if ((COMP_CWORD - 2 >= first)) && [[ \${COMP_WORDS[COMP_CWORD - 1]} == = ]]; then
		_wazuh_metrics_value "$command:\${COMP_WORDS[COMP_CWORD - 2]}=" "$cur"
		return 0
	fi

	for ((i = first; i < COMP_CWORD; i++)); do
		[[ \${COMP_WORDS[i]} == -- ]] && options=0
	done

	if ((options)); then
		if [[ $cur == -* ]]; then
			case $command in
${commands.map(command => `\t\t\t${keyOf(command)}) _wazuh_metrics_words '${shellWords(command.options.map(option => `--${option.name}`))}' "$cur" ;;`).join('\n')}
			esac
			return 0
		fi

		if ((COMP_CWORD > first)) && _wazuh_metrics_value "$command:\${COMP_WORDS[COMP_CWORD - 1]}" "$cur"; then
			return 0
		fi

		# Every word after ${variadic.map(each => each.replace(/^\w+:/, '')).join(', ')} up to the next option is one of its values.
		for ((i = COMP_CWORD - 1; i >= first; i--)); do
			word=\${COMP_WORDS[i]}
			if [[ $word == -?* && $word != -[0-9]* ]]; then
				case $command:$word in
				${variadic.join(' | ')}) _wazuh_metrics_value "$command:$word" "$cur" && return 0 ;;
				esac
				break
			fi
		done
	fi

	case $command in
${commands.map(command => [`\t${keyOf(command)})`, ...operandAction(command, command.command === undefined ? subcommands : []), '\t\t;;'].join('\n')).join('\n')}
	esac
}

complete -F _wazuh_metrics wazuh-metrics
`;
}
