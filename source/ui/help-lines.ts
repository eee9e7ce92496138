import {type Glyphs, utf8Glyphs} from './glyphs.js';
import {keyHelp, type KeyMode} from './keys.js';
import {fitLine, type Line, padRight, type Segment} from './text.js';

/** Words of `text` in lines of at most `width` characters (a longer word is cut by fitLine later). */
function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let current = '';
	for (const word of text.split(' ')) {
		if (current !== '' && current.length + 1 + word.length > width) {
			lines.push(current);
			current = word;
		} else {
			current = current === '' ? word : `${current} ${word}`;
		}
	}

	lines.push(current);
	return lines;
}

const keyColumn = 18;

export type HelpContext = {
	/** The log file (live) or the recording (replay), last in the help. */
	readonly location?: {readonly label: string; readonly path: string};
	/** The mode under the help: only its keys are listed. */
	readonly mode?: KeyMode;
	readonly glyphs?: Glyphs;
};

const modeNames: Record<KeyMode, string> = {live: 'the live table', detail: 'the detail view', replay: 'replay', replayDetail: 'replay\'s detail view'};

/**
 * The whole help as lines of `width`: the key bindings of the mode on screen by section, what the
 * columns mean, where the log is. Long texts are wrapped, never cut: at 80 columns everything is
 * readable. Text is in the terminal's characters before it is wrapped (`Enter`, not `⏎`, in ASCII).
 */
export function allHelpLines(width: number, {location, mode = 'live', glyphs = utf8Glyphs}: HelpContext = {}): Line[] {
	const lines: Line[] = [[{text: 'Keys', bold: true, color: 'cyan'}, {text: glyphs.text(`  of ${modeNames[mode]}: ? h F1 or Esc closes, ↑↓ PgUp PgDn scroll`), dim: true}]];
	const room = Math.max(10, width - keyColumn);
	for (const {section, bindings} of keyHelp(mode)) {
		lines.push([{text: section, bold: true}]);
		for (const binding of bindings) {
			for (const [index, part] of wrapWords(glyphs.text(binding.action), room).entries()) {
				lines.push([{text: `  ${padRight(index === 0 ? glyphs.text(binding.keys) : '', keyColumn - 2)}`, color: 'cyan'}, {text: part}]);
			}
		}
	}

	lines.push([], [{text: 'Columns', bold: true, color: 'cyan'}]);
	const notes = [
		'CPU% is of one core (can exceed 100). RSS/USS/PSS/SWAP: memory (USS private, PSS proportional).',
		'RSS/h PSS/h: growth per hour over the history kept, after the warm-up, once a minute and 10 samples exist; ↗ marks what the report calls growing (the same rule).',
		'A collapsed daemon (▸ … Σ) shows the sum of it and its children: what it costs in all.',
		'READ/s WRIT/s: bytes reaching storage per second; READ WRITTEN: totals. - : could not be read.',
		'K/M/G are 1024-based. The CSVs keep exact values in the unit chosen with -u.',
		'System line: load averages, CPU use of all cores, memory and swap used/total, uptime, daemons.',
	];
	for (const note of notes) {
		for (const part of wrapWords(glyphs.text(note), Math.max(10, width - 2))) {
			lines.push([{text: `  ${part}`}]);
		}
	}

	if (location !== undefined) {
		lines.push([{text: location.label, bold: true, color: 'cyan'}, {text: `  ${location.path}`}]);
	}

	return lines.map(line => fitLine(line, width));
}

/**
 * The help as shown in `height` lines from line `scroll`: when it does not all fit, the last line
 * says what is left below (and the first what is above), so nothing is hidden without a sign.
 */
export function helpLines(width: number, height: number, context: HelpContext = {}, scroll = 0): Line[] {
	const all = allHelpLines(width, context);
	if (height <= 0) {
		return [];
	}

	if (all.length <= height) {
		return all;
	}

	const first = Math.min(Math.max(0, scroll), all.length - height);
	const shown = all.slice(first, first + height);
	const below = all.length - first - height;
	const mark = (text: string): Line => fitLine([{text, dim: true, inverse: true} satisfies Segment], width);
	if (below > 0) {
		shown[height - 1] = mark(`↓ ${below} more line${below === 1 ? '' : 's'}: ↓ PgDn scroll`);
	}

	if (first > 0 && height > 1) {
		shown[0] = mark(`↑ ${first} line${first === 1 ? '' : 's'} above: ↑ PgUp scroll`);
	}

	return shown;
}
