import {commandHelp} from './options/help.js';
import {parseArgv} from './options/parse-argv.js';
import {replayCommand} from './options/replay.js';
import {UsageError} from './usage-error.js';

export type ReplayOptions = {
	readonly folder: string;
	/** `--ascii`: ASCII characters only, whatever the locale. */
	readonly ascii: boolean;
};

export function replayHelpText(toolVersion: string): string {
	return commandHelp(replayCommand, toolVersion);
}

/** `replay`'s arguments (after the word `replay`), read by its table; throws a UsageError with one line. */
export function parseReplayOptions(argv: readonly string[]): ReplayOptions | 'help' {
	const {values, operands} = parseArgv(replayCommand, argv);
	if (values.has('help')) {
		return 'help';
	}

	if (operands.length !== 1) {
		throw new UsageError('replay takes one session folder: wazuh-metrics replay <session-folder>');
	}

	return {folder: operands[0]!, ascii: values.has('ascii')};
}
