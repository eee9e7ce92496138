import {UsageError} from '../usage-error.js';
import {type CommandDef, type OptionDef} from './option-table.js';

/**
 * What the command line gave, by the table's long names: absent, given without a value (`[]`: a
 * switch, `--version` alone, `--demo`), or its values (one, or several for a `multiple` option).
 * The values are still text: each command checks them with its own messages.
 */
export type ParsedArgv = {
	readonly values: ReadonlyMap<string, readonly string[]>;
	readonly operands: readonly string[];
};

/** The one-line messages of the parser's errors; a command may keep older words for some. */
export type ParseMessages = {
	readonly unknown: (flag: string) => string;
	readonly repeated: (flag: string) => string;
	readonly noValue: (flag: string) => string;
	readonly missing: (option: OptionDef, flag: string) => string;
};

export function defaultMessages(command: CommandDef): ParseMessages {
	const prefix = command.command === undefined ? '' : `${command.command}: `;
	const help = command.command === undefined ? '--help' : `${command.command} --help`;
	return {
		unknown: flag => `${prefix}unknown option ${flag} (see ${help})`,
		repeated: flag => `${prefix}${flag} given more than once`,
		noValue: flag => `${prefix}${flag} takes no value`,
		missing: (option, flag) => option.variadic
			? `${prefix}${flag} needs at least one ${(option.value ?? 'value').replace(/\.+$/, '').toLowerCase()}`
			: `${prefix}${flag} needs a value`,
	};
}

/** An option word: `-x`, `--name`, `--name=value`; not `-` (a file name) nor `-1` (a negative number). */
function looksLikeOption(word: string): boolean {
	return word.startsWith('-') && word.length > 1 && !/^-\d/.test(word);
}

/**
 * The command line of one command, read by its table: long options with their value as the next
 * word or after `=`, short ones as `-x value` or `-x=value` (no grouping), `--` ending the options.
 * Throws a UsageError (one line) for an unknown option, a missing value, a value given to a
 * switch, and a single-value option given twice where the command refuses that.
 */
export function parseArgv(command: CommandDef, argv: readonly string[], messages: ParseMessages = defaultMessages(command)): ParsedArgv {
	const values = new Map<string, string[]>();
	const operands: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index]!;
		if (word === '--') {
			operands.push(...argv.slice(index + 1));
			break;
		}

		if (!looksLikeOption(word)) {
			operands.push(word);
			continue;
		}

		const equals = word.indexOf('=');
		const flag = equals === -1 ? word : word.slice(0, equals);
		const attached = equals === -1 ? undefined : word.slice(equals + 1);
		const option = flag.startsWith('--')
			? command.options.find(each => each.name === flag.slice(2))
			: command.options.find(each => each.short === flag.slice(1));
		if (option === undefined) {
			throw new UsageError(messages.unknown(flag));
		}

		const long = `--${option.name}`;
		const earlier = values.get(option.name);
		if (earlier !== undefined && !option.multiple && command.repeated === 'refused') {
			throw new UsageError(messages.repeated(long));
		}

		const given: string[] = [];
		if (option.value === undefined) {
			if (attached !== undefined) {
				throw new UsageError(messages.noValue(long));
			}
		} else if (attached !== undefined) {
			given.push(attached);
		} else if (option.optionalValue !== 'attached') {
			while (index + 1 < argv.length && !looksLikeOption(argv[index + 1]!) && (given.length === 0 || option.variadic)) {
				given.push(argv[++index]!);
			}

			if (given.length === 0 && option.optionalValue !== 'alone') {
				throw new UsageError(messages.missing(option, long));
			}
		}

		values.set(option.name, option.multiple ? [...earlier ?? [], ...given] : given);
	}

	return {values, operands};
}
