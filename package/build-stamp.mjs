/*
 * What `npm run build` compiled, as one hash: every file under source/, package.json and
 * tsconfig.json (paths and contents, not times: a git checkout resets those). package/build-dist.mjs
 * writes it to dist/.build-stamp; the end-to-end tests, which run dist/, compare it with the sources
 * they sit next to (test/helpers/fresh-build.ts) and refuse a stale build.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const stampName = '.build-stamp';

/** Files a build depends on besides source/: the package's manifest and the compiler's settings. */
const configFiles = ['package.json', 'tsconfig.json'];

function* filesUnder(root, relative) {
	const entries = fs.readdirSync(path.join(root, relative), {withFileTypes: true});
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const entry of entries) {
		const name = path.posix.join(relative, entry.name);
		if (entry.isDirectory()) {
			yield* filesUnder(root, name);
		} else {
			yield name;
		}
	}
}

/** The hash of the build's inputs in the package at `root` (hex sha256). */
export function buildInputsHash(root) {
	const hash = crypto.createHash('sha256');
	for (const name of [...configFiles, ...filesUnder(root, 'source')]) {
		const file = path.join(root, name);
		// A symbolic link counts as its target's text, never as the file it points to.
		const content = fs.lstatSync(file).isSymbolicLink() ? Buffer.from(`-> ${fs.readlinkSync(file)}`) : fs.readFileSync(file);
		hash.update(`${name}\0${content.length}\0`);
		hash.update(content);
	}

	return hash.digest('hex');
}

/** Why dist/ in the package at `root` does not match its sources, or undefined when it does. */
export function staleBuild(root) {
	let stamp;
	try {
		stamp = fs.readFileSync(path.join(root, 'dist', stampName), 'utf8').trim();
	} catch {
		return `dist/ was not built by npm run build (no dist/${stampName}): run npm run build`;
	}

	return stamp === buildInputsHash(root) ? undefined : 'dist/ is older than source/ (run npm run build)';
}
