import fs from 'node:fs';
import path from 'node:path';

/** The text of a page outside fenced blocks. */
function outsideFences(text: string): string {
	return text.replaceAll(/^```[\s\S]*?^```/gm, '');
}

/** ... and outside inline code too, where links are not links. */
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

/**
 * Every relative link of `pages` (outside code) that does not name a file, or whose `#anchor` is
 * not a heading of that file (GitHub's slugs): `page: (target) why`, one each.
 */
export function brokenLinks(pages: readonly string[]): string[] {
	const broken: string[] = [];
	for (const page of pages) {
		for (const [, target] of prose(fs.readFileSync(page, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
			if (/^[a-z]+:/i.test(target!)) {
				continue;
			}

			const [file, anchor] = target!.split('#') as [string, string | undefined];
			const resolved = file === '' ? page : path.normalize(path.join(path.dirname(page), file));
			if (!fs.existsSync(resolved)) {
				broken.push(`${page}: (${target}) no such file`);
			} else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) {
				broken.push(`${page}: (${target}) no such heading`);
			}
		}
	}

	return broken;
}
