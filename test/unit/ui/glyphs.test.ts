import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {asciiGlyphs, asciiNarrow, asciiWide, hasAsciiGlyph, utf8Glyphs} from '../../../source/ui/glyphs.js';

/** Lines of code, without the comments (`//`, and the lines of a `/** ... *\/` block). */
function codeLines(file: string): string[] {
	return fs.readFileSync(file, 'utf8').split('\n').filter(line => !/^\s*(\/\/|\/\*|\*)/.test(line)).map(line => line.replace(/\s\/\/ .*$/, ''));
}

/** What the screen shows: the UI's own files, and the lines of lower layers that reach it. */
const shownFiles = [
	...fs.readdirSync('source/ui').filter(name => /\.tsx?$/.test(name)).map(name => path.join('source/ui', name)),
	'source/model/history-store.ts',
	'source/model/units.ts',
	'source/session/status-line.ts',
	'source/cli/main.ts',
	'source/replay/replay-command.ts',
];

const nonAscii = /[^\t\u0020-\u007E]/gu;

test('every non-ASCII character the screen can draw has an ASCII glyph', t => {
	const found = new Map<string, string>();
	for (const file of shownFiles) {
		for (const line of codeLines(file)) {
			for (const character of line.match(nonAscii) ?? []) {
				found.set(character, file);
			}
		}
	}

	t.true(found.size > 30, `the scan finds the glyphs (${[...found.keys()].join('')})`);
	const missing = [...found].filter(([character]) => !hasAsciiGlyph(character)).map(([character, file]) => `${character} (${file})`);
	t.deepEqual(missing, []);
});

test('ASCII lines keep their width and have no byte above 0x7F; text gets words where a sign would be', t => {
	const line = '● REC  NAME▲ ▁▂▃▄▅▆▇█ ├ child └ child  ↻2 +12M↗  wazuh-modu…  ±1m ⏎ café 漢';
	const ascii = asciiNarrow(line);
	t.is(ascii.length, line.length, 'one character for one');
	t.true([...Buffer.from(ascii)].every(byte => byte <= 0x7F), ascii);
	t.is(ascii, '* REC  NAME^ .:-=+*#@ | child ` child  R2 +12M^  wazuh-modu~  ~1m E caf? ?');
	t.is(asciiWide('↑↓ select  ⏎ detail  [ ] ±1m  ← →'), 'Up/Down select  Enter detail  [ ] +-1m  Left Right');
	t.is(asciiGlyphs.line('a…'), 'a~');
	t.is(utf8Glyphs.line('a…'), 'a…', 'UTF-8 draws as it is');
	t.is(utf8Glyphs.text('⏎'), '⏎');
});
