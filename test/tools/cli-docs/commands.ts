import fs from 'node:fs';
import {mainCommand} from '../../../source/cli/options/main.js';
import type {CommandDef, OptionDef} from '../../../source/cli/options/option-table.js';
import {replayCommand} from '../../../source/cli/options/replay.js';
import {reportCommand} from '../../../source/cli/options/report.js';

/** The commands the docs describe, the main one first: their tables are the only source. */
export const commands: readonly CommandDef[] = [mainCommand, reportCommand, replayCommand];

/** `main`, `report`, `replay`: the name of a command's block in docs/cli.md and in the completions. */
export const keyOf = (command: CommandDef): string => command.command ?? 'main';

/** The tool's version, from package.json (the only thing in the generated files that changes by release). */
export function packageVersion(root: string): string {
	return (JSON.parse(fs.readFileSync(`${root}/package.json`, 'utf8')) as {version: string}).version;
}

/** The first sentence of an option's help (`... and of CPU` is not a sentence end): what a completion menu shows. */
export function briefOf(option: OptionDef): string {
	return option.help.split(/(?<!\.)\.\s(?=[A-Z])/)[0]!;
}

/** The words a completion offers, checked to need no quoting in a shell script. */
export function shellWords(words: readonly string[]): string {
	for (const word of words) {
		if (!/^[\w.=-]+$/.test(word)) {
			throw new Error(`"${word}" would need quoting in a completion script`);
		}
	}

	return words.join(' ');
}
