/*
 * Refreshes the screens shown in README.md and docs/*.md (docs/live-view.md) from the real program:
 * the demo in a real pty, read back through @xterm/headless, exactly what a user sees. Each capture
 * replaces the fenced block that follows a marker line `<!-- screen: <columns>x<rows> <view> -->`
 * (view: `table` or `detail`), in whichever of those files it is.
 * Usage: npm run build && node --import=tsx test/tools/capture-doc-screens.ts [seconds=75]
 * One demo runs for `seconds` at 200x60 (long enough for growth and history to show), then is
 * captured at each size and view, resizing the same session.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {keys, PtyScreen} from '../helpers/pty.js';

const pages = [path.resolve('README.md'), ...fs.readdirSync('docs').filter(name => name.endsWith('.md')).sort().map(name => path.resolve('docs', name))];
const seconds = Number(process.argv[2] ?? 75);
const marker = /^<!-- screen: (\d+)x(\d+) (table|detail) -->$/;

type Wanted = {columns: number; rows: number; view: 'table' | 'detail'};
const texts = new Map(pages.map(page => [page, fs.readFileSync(page, 'utf8')]));
const wanted: Wanted[] = [];
for (const text of texts.values()) {
	for (const line of text.split('\n')) {
		const match = marker.exec(line);
		if (match && !wanted.some(each => `${each.columns}x${each.rows} ${each.view}` === `${match[1]}x${match[2]} ${match[3]}`)) {
			wanted.push({columns: Number(match[1]), rows: Number(match[2]), view: match[3] as Wanted['view']});
		}
	}
}

if (wanted.length === 0) {
	console.error('no <!-- screen: ... --> marker in README.md or docs/*.md');
	process.exit(2);
}

const state = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-capture-'));
const screen = new PtyScreen(['--demo', '--store-process', path.join(state, 'session')], {columns: 200, rows: 60}, {}, {stateRoot: path.join(state, 'state')});
const settleTicks = async (): Promise<void> => {
	// Two redraws at 1 s: the screen has caught up with the last key or resize.
	await new Promise(resolve => {
		setTimeout(resolve, 2500);
	});
};

/**
 * The screen as shown, but for long runs of empty rows (a table shorter than a tall terminal),
 * which become one line saying how many, and the empty last row (kept free so Ink never scrolls).
 */
function compact(lines: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < lines.length;) {
		let j = i;
		while (j < lines.length && lines[j] === '') {
			j++;
		}

		if (j === lines.length) {
			break;
		}

		if (j - i >= 3) {
			out.push(`   (${j - i} empty rows: the table fills the terminal)`);
		} else {
			out.push(...lines.slice(i, j));
		}

		out.push(lines[j]!);
		i = j + 1;
	}

	return out;
}

const captures = new Map<string, string[]>();
try {
	await screen.waitForScreen(lines => (lines.some(line => line.includes('wazuh-db')) ? true : undefined), 'the demo table');
	await new Promise(resolve => {
		setTimeout(resolve, seconds * 1000);
	});
	for (const {columns, rows, view} of wanted) {
		screen.resize(columns, rows);
		if (view === 'detail') {
			// wazuh-db: the demo's slowly growing daemon.
			screen.write('/wazuh-db\r');
			await settleTicks();
			screen.write(keys.enter);
		}

		await settleTicks();
		const lines = await screen.screen();
		captures.set(`${columns}x${rows} ${view}`, compact(lines.map(line => line.trimEnd())));
		if (view === 'detail') {
			screen.write(keys.escape);
			await settleTicks();
			screen.write(keys.escape);
			await settleTicks();
		}
	}
} finally {
	screen.write('q');
	await Promise.race([screen.exited, new Promise(resolve => {
		setTimeout(resolve, 10_000);
	})]);
	screen.kill();
	fs.rmSync(state, {recursive: true, force: true});
}

/** The page with each marked block replaced by its capture; undefined when it has no marker. */
function withCaptures(page: string, text: string): string | undefined {
	const lines = text.split('\n');
	const out: string[] = [];
	let found = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		out.push(line);
		const match = marker.exec(line);
		if (!match) {
			continue;
		}

		found = true;
		const capture = captures.get(`${match[1]}x${match[2]} ${match[3]}`)!;
		// Replace the fenced block right after the marker.
		let j = i + 1;
		if (lines[j] !== '```') {
			throw new Error(`${path.relative('.', page)} line ${j + 1}: a fenced block must follow the marker`);
		}

		j++;
		while (j < lines.length && lines[j] !== '```') {
			j++;
		}

		out.push('```', ...capture, '```');
		i = j;
	}

	return found ? out.join('\n') : undefined;
}

for (const [page, text] of texts) {
	const updated = withCaptures(page, text);
	if (updated !== undefined) {
		fs.writeFileSync(page, updated);
		console.log(`captured screens into ${path.relative('.', page)}`);
	}
}
