/**
 * The screen's character set: UTF-8 glyphs (sparkline blocks, box lines, arrows, `●`, `…`), or
 * plain ASCII for a terminal whose locale is not UTF-8 (or `--ascii`). Chosen once by the session
 * (source/session/terminal.ts reads the locale) and handed to the screen, which draws every line in
 * UTF-8 and turns it into ASCII where it becomes terminal text (ScreenLine), with this table.
 *
 * Every non-ASCII character the UI writes has an entry here (test/unit/ui/glyphs.test.ts scans
 * source/ui for them). `narrow` keeps the width of a line already cut to the terminal: one ASCII
 * character for one glyph. `wide` is for text translated before it is laid out (the footer, the
 * help), where a word reads better (`Enter` for `⏎`).
 */

export type Charset = 'utf8' | 'ascii';

type Entry = {readonly narrow: string; readonly wide?: string};

const table: Readonly<Record<string, Entry>> = {
	// Cut text, and the text of something still coming (`measuring…`).
	'…': {narrow: '~'},
	// Sparkline blocks, lowest to highest: ` .:-=+*#%@` without its blank and `%`.
	'▁': {narrow: '.'},
	'▂': {narrow: ':'},
	'▃': {narrow: '-'},
	'▄': {narrow: '='},
	'▅': {narrow: '+'},
	'▆': {narrow: '*'},
	'▇': {narrow: '#'},
	'█': {narrow: '@'},
	// Lines of charts, boxes and the tree.
	'─': {narrow: '-'},
	'━': {narrow: '='},
	'│': {narrow: '|'},
	'┤': {narrow: '|'},
	'├': {narrow: '|'},
	'└': {narrow: '`'},
	'≡': {narrow: '='},
	// Arrows: sort direction, growth, help scrolling, keys.
	'▲': {narrow: '^'},
	'▼': {narrow: 'v'},
	'↗': {narrow: '^'},
	'↑': {narrow: '^', wide: 'Up'},
	'↓': {narrow: 'v', wide: 'Down'},
	'←': {narrow: '<', wide: 'Left'},
	'→': {narrow: '>', wide: 'Right'},
	'⏎': {narrow: 'E', wide: 'Enter'},
	'▸': {narrow: '>'},
	'▾': {narrow: 'v'},
	'↻': {narrow: 'R'},
	// Marks of the header and warnings.
	'●': {narrow: '*'},
	'○': {narrow: 'o'},
	'•': {narrow: '-'},
	'✖': {narrow: 'X'},
	'⚠': {narrow: '!'},
	'⏵': {narrow: '>'},
	'▶': {narrow: '>'},
	'❚': {narrow: '|'},
	'▏': {narrow: '_'},
	// Words' signs.
	'Σ': {narrow: 'S'},
	'·': {narrow: '.'},
	'±': {narrow: '~', wide: '+-'},
	'≈': {narrow: '~'},
	'—': {narrow: '-'},
	'µ': {narrow: 'u'},
};

/** What stands for a character outside the table (a name or path from outside, in another script). */
const unknown = '?';

/** Whether the table has a glyph (for the test that no glyph of the UI is missing from it). */
export function hasAsciiGlyph(character: string): boolean {
	return Object.hasOwn(table, character);
}

// eslint-disable-next-line no-control-regex -- everything above 0x7F, nothing below
const nonAscii = /[^\u0000-\u007F]/gu;

/** One ASCII character per character: for a line already cut to its width. */
export function asciiNarrow(text: string): string {
	// A character outside the BMP is two UTF-16 units: `?` twice keeps the width the UI counted.
	return text.replaceAll(nonAscii, character => table[character]?.narrow ?? unknown.repeat(character.length));
}

/** Words where a word reads better: for text translated before it is laid out. */
export function asciiWide(text: string): string {
	return text.replaceAll('↑↓', 'Up/Down').replaceAll(nonAscii, character => table[character]?.wide ?? table[character]?.narrow ?? unknown.repeat(character.length));
}

/** What the screen draws with: the identity on a UTF-8 terminal. */
export type Glyphs = {
	readonly charset: Charset;
	/** A line already laid out (cut and padded to the terminal's width): same width. */
	readonly line: (text: string) => string;
	/** Text not laid out yet (key names, help): words where ASCII has no sign. */
	readonly text: (text: string) => string;
};

const same = (text: string): string => text;

export const utf8Glyphs: Glyphs = {charset: 'utf8', line: same, text: same};

export const asciiGlyphs: Glyphs = {charset: 'ascii', line: asciiNarrow, text: asciiWide};

export function glyphsOf(charset: Charset): Glyphs {
	return charset === 'ascii' ? asciiGlyphs : utf8Glyphs;
}
