/**
 * The shape of the option tables (main.ts, report.ts, replay.ts): one entry per option, one table per
 * command. The same tables drive the argv parser (parse-argv.ts), each command's `--help`
 * (help.ts) and, through `npm run docs` (test/tools/cli-docs/), docs/cli.md, the man page and the
 * bash and zsh completions; test/unit/cli/generated-docs.test.ts checks those files are up to date.
 */
export type OptionDef = {
	/** Long name without `--`. */
	readonly name: string;
	/** One letter, without `-`. */
	readonly short?: string;
	/** What the value is (`SECONDS`, `DIR`); absent: a switch, which takes no value. */
	readonly value?: string;
	/**
	 * A value that may be left out: `alone`, the option given with no value after it (`--version`
	 * at the end or before another option); `attached`, a value only as `--demo=5`, never the next word.
	 */
	readonly optionalValue?: 'alone' | 'attached';
	/** Repeatable, its values accumulated (`--disk a --disk b`). */
	readonly multiple?: boolean;
	/** Takes every word after it up to the next option (`--disk a b c`, argparse's nargs='+'). */
	readonly variadic?: boolean;
	/** The value used when the option is not given, as the parser reads it. */
	readonly default?: string;
	/** The default as the docs and `--help` say it, when `default` alone would not say it. */
	readonly defaultText?: string;
	/** The closed set of values (units, formats); the help shows them as the value's name. */
	readonly choices?: readonly string[];
	/** The choices are taken in any case (`-u mb`). */
	readonly anyCase?: boolean;
	/** What the completions offer for the value: paths, or folders only. */
	readonly complete?: 'path' | 'directory';
	/** What it does: one paragraph, wrapped by whoever shows it (`--help`, the man page, docs/cli.md). */
	readonly help: string;
	/** More, for the docs only (the man page and docs/cli.md), not for `--help`. */
	readonly details?: string;
	/**
	 * The smallest value accepted (a number option), and why, as the refusal says it after
	 * "the interval must be at least N s;".
	 */
	readonly minimum?: {readonly value: number; readonly why: string};
};

/** The words after the options (`process_name`, `session-folder`). */
type OperandDef = {
	readonly name: string;
	/** Zero or more (process names) instead of exactly one (a session folder). */
	readonly repeated?: boolean;
	/** The closed set (process names), offered by the completions. */
	readonly choices?: readonly string[];
	readonly complete?: 'directory';
};

export type CommandDef = {
	/** The subcommand word; undefined for the main command. */
	readonly command?: 'report' | 'replay';
	/** What the command does, lower case, no final period: the title line of its `--help`. */
	readonly summary: string;
	/** The arguments after `wazuh-metrics [command]`, as the usage line shows them. */
	readonly usage: string;
	readonly operand: OperandDef;
	/** Paragraphs of the description. */
	readonly description: readonly string[];
	readonly options: readonly OptionDef[];
	/**
	 * A repeated single-value option: refused (the main command: a silent override would surprise),
	 * or the last one wins (report, as Node's parseArgs did before: scripts may override a default).
	 */
	readonly repeated: 'refused' | 'last wins';
	/** Command lines, without the prompt. */
	readonly examples: readonly string[];
	/** Exit statuses and what each means, for the man page. */
	readonly exitStatus: ReadonlyArray<readonly [number, string]>;
	/** Environment variables the command reads and what each does: `--help`, the man page's ENVIRONMENT, docs/cli.md. */
	readonly environment?: ReadonlyArray<readonly [string, string]>;
};

/** `-h` and `--help`, in every command's table. */
export const helpOption: OptionDef = {name: 'help', short: 'h', help: 'Show this help and exit'};

/** `wazuh-metrics` or `wazuh-metrics report`. */
export function commandLine(command: CommandDef): string {
	return command.command === undefined ? 'wazuh-metrics' : `wazuh-metrics ${command.command}`;
}

/** The option's value as the help names it: its choices (`B|KB|MB`) or its value name. */
export function valueName(option: OptionDef): string | undefined {
	return option.choices === undefined ? option.value : option.choices.join('|');
}

/** The default as it is shown, if there is one. */
export function shownDefault(option: OptionDef): string | undefined {
	return option.defaultText ?? option.default;
}

/** The option by long name; throws for a name the table does not have (a typo in the code). */
export function optionOf(command: CommandDef, name: string): OptionDef {
	const option = command.options.find(each => each.name === name);
	if (option === undefined) {
		throw new Error(`no option --${name} in the table of ${commandLine(command)}`);
	}

	return option;
}

/** The default of an option that has one (the parser's fallback). */
export function defaultOf(command: CommandDef, name: string): string {
	const value = optionOf(command, name).default;
	if (value === undefined) {
		throw new Error(`option --${name} has no default in the table of ${commandLine(command)}`);
	}

	return value;
}

/** The choice `raw` names (in any case where the option allows it), as the table spells it. */
export function choiceOf(option: OptionDef, raw: string): string | undefined {
	const wanted = option.anyCase ? raw.toUpperCase() : raw;
	return option.choices?.find(choice => (option.anyCase ? choice.toUpperCase() : choice) === wanted);
}
