/**
 * `node --import=tsx test/tools/check-doc-links.ts`: every relative link of README.md and docs/*.md
 * (outside code) must name a file of the repository, and its `#anchor`, if any, a heading of that
 * file (GitHub's slugs). Prints each broken link and exits 1 when there is one.
 */
import fs from 'node:fs';
import path from 'node:path';

const pages = ['README.md', ...fs.readdirSync('docs').filter(name => name.endsWith('.md')).sort().map(name => path.join('docs', name))];

/** The text of a page outside fenced blocks. */
function outsideFences(text: string): string {
	return text.replaceAll(/^```[\s\S]*?^```/gm, '');
}

/** ... and outside inline code too, where links are links. */
function prose(text: string): string {
	return outsideFences(text).replaceAll(/`[^`\n]*`/g, '``');
}

/** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
	const seen = new Map<string, number>();
	const found = new Set<string>();
	for (const [, heading] of outsideFences(fs.readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.*)$/gm)) {
		const base = heading!.replaceAll('`', '').trim().toLowerCase().replaceAll(/[^\p{L}\p{N}\s_-]/gu, '').replaceAll(/\s/g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		found.add(count === 0 ? base : `${base}-${count}`);
	}

	return found;
}

let broken = 0;
for (const page of pages) {
	for (const [, target] of prose(fs.readFileSync(page, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
		if (/^[a-z]+:/i.test(target!)) {
			continue;
		}

		const [file, anchor] = target!.split('#') as [string, string | undefined];
		const resolved = file === '' ? page : path.normalize(path.join(path.dirname(page), file));
		let problem: string | undefined;
		if (!fs.existsSync(resolved)) {
			problem = 'no such file';
		} else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) {
			problem = 'no such heading';
		}

		if (problem !== undefined) {
			broken++;
			console.log(`${page}: (${target}) ${problem}`);
		}
	}
}

console.log(`${broken} broken link(s) in ${pages.length} pages`);
process.exitCode = broken === 0 ? 0 : 1;
