import {valueLabel} from '../../../source/cli/options/help.js';
import {type CommandDef, type OptionDef, shownDefault} from '../../../source/cli/options/option-table.js';
import {commands, keyOf} from './commands.js';

/** Text in a table cell: pipes, angle brackets (`<epoch>` would be an HTML tag) and stars made literal. */
function cell(text: string): string {
	return text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('*', '\\*');
}

/** Code in a table cell: only pipes need escaping there. */
const code = (text: string): string => `\`${text.replaceAll('|', '\\|')}\``;

/** `` `-s`, `--sleep SECONDS` `` */
function optionCell(option: OptionDef): string {
	const long = code(`--${option.name}${valueLabel(option)}`);
	return option.short === undefined ? long : `${code(`-${option.short}`)}, ${long}`;
}

function meaningCell(option: OptionDef): string {
	const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
	return cell([sentence(option.help), ...option.details === undefined ? [] : [option.details]].join(' '));
}

function defaultCell(option: OptionDef): string {
	const value = shownDefault(option);
	if (value === undefined) {
		return option.value === undefined && option.name !== 'help' ? 'off' : '';
	}

	return /\s/.test(value) ? cell(value) : code(value);
}

/** One command's options as a Markdown table. */
export function optionsTable(command: CommandDef): string {
	return [
		'| Option | Meaning | Default |',
		'| --- | --- | --- |',
		...command.options.map(option => `| ${optionCell(option)} | ${meaningCell(option)} | ${defaultCell(option)} |`),
	].join('\n');
}

/** The variables a command reads, as a Markdown table. */
function environmentTable(environment: ReadonlyArray<readonly [string, string]>): string {
	return ['| Variable | Meaning |', '| --- | --- |', ...environment.map(([name, meaning]) => `| ${code(name)} | ${cell(meaning)} |`)].join('\n');
}

/** docs/cli.md with each `<!-- options:NAME -->` block written again from its table; the rest is kept. */
export function updateCliMarkdown(page: string): string {
	let updated = page;
	for (const command of commands) {
		const open = `<!-- options:${keyOf(command)} -->`;
		const block = new RegExp(`${open}\\n[\\s\\S]*?<!-- /options -->`);
		if (!block.test(updated)) {
			throw new Error(`docs/cli.md has no ${open} ... <!-- /options --> block`);
		}

		updated = updated.replace(block, () => `${open}\n${optionsTable(command)}\n<!-- /options -->`);
		if (command.environment !== undefined) {
			const openEnvironment = `<!-- environment:${keyOf(command)} -->`;
			const environmentBlock = new RegExp(`${openEnvironment}\\n[\\s\\S]*?<!-- /environment -->`);
			if (!environmentBlock.test(updated)) {
				throw new Error(`docs/cli.md has no ${openEnvironment} ... <!-- /environment --> block`);
			}

			updated = updated.replace(environmentBlock, () => `${openEnvironment}\n${environmentTable(command.environment!)}\n<!-- /environment -->`);
		}
	}

	return updated;
}
