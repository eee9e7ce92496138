import {type CommandDef, helpOption} from './option-table.js';

/** `wazuh-metrics replay <session-folder>`: the live view over a recording, with a time cursor. */
export const replayCommand: CommandDef = {
	command: 'replay',
	summary: 'browse a recording in the live view, with a time cursor',
	usage: '<session-folder>',
	operand: {name: 'session-folder', complete: 'directory'},
	description: [
		'The live view over a recording (this tool\'s CSVs, the Python original\'s, or Wazuh 5\'s monitor.py\'s), with a time cursor: , . one sample, [ ] a minute, { } 10 minutes, b go to a time, space play/pause, x speed 1x/10x/60x, < > first / newest sample (a folder still being recorded is followed from there), q quit. It needs a terminal; for a summary on standard output, use wazuh-metrics report.',
	],
	repeated: 'refused',
	options: [
		{name: 'ascii', help: 'Draw the screen with ASCII characters only (sparklines, lines, arrows, marks)', details: 'Also when the locale (LC_ALL, else LC_CTYPE, else LANG) does not name UTF-8: see docs/terminals.md.'},
		helpOption,
	],
	examples: [
		'wazuh-metrics replay /var/log/wazuh-metrics/28-11-2026/1764309470',
	],
	exitStatus: [
		[0, 'The user quit.'],
		[1, 'An unexpected error (a bug), said in one line on standard error.'],
		[2, 'Bad input, said in one line on standard error: an unknown option, not exactly one folder, a folder that is missing or holds no sample, no terminal to show it on.'],
	],
};
