import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/*
 * The CLI for a run as another user (`daemon`, `nobody`: the harden-* tests). That user must be able
 * to read the program, and a checkout need not let them: `git clone` into a folder only its owner
 * may enter (mktemp -d makes those) is a normal place to run `npm test`. So such a run starts a copy
 * of the very files the checkout runs (hard links to them where it can), laid out as there
 * (cli-entry.mjs imports ../../dist/..., dist/ reads ../../package.json and imports its packages
 * from node_modules/), in a folder of its own under the system's temporary folder: made once per
 * test file (process) by the test's user, read-only for everyone else (0755 folders), and removed
 * when the process ends.
 */

const checkout = fileURLToPath(new URL('../..', import.meta.url));
/** The test entry, relative to a package root. */
export const entry = 'test/helpers/cli-entry.mjs';
/** What the test entry needs besides node_modules: itself (it imports only dist/), dist/, the manifest. */
const programFiles = ['package.json', 'dist', entry];

let copyRoot: string | undefined;

/**
 * Copies a folder or a file: new folders (0755), and for a file a hard link to it when others may
 * read it already (the same file, and no time spent copying thousands of them), else a copy others
 * may read. Never a chmod of a linked file: that would change the checkout's. A symbolic link is
 * copied as what it points to (npm ci makes none the CLI needs).
 */
function copyTree(from: string, to: string, skip: (name: string) => boolean = () => false): void {
	const stat = fs.statSync(from);
	if (stat.isDirectory()) {
		// A package's folder may exist already: made for a package nested in it.
		fs.mkdirSync(to, {recursive: true});
		fs.chmodSync(to, 0o755);
		for (const name of fs.readdirSync(from)) {
			if (!skip(name)) {
				copyTree(path.join(from, name), path.join(to, name));
			}
		}

		return;
	}

	if ((stat.mode & 0o004) !== 0) {
		try {
			fs.linkSync(from, to);
			return;
		} catch {
			// Another file system (EXDEV), or links not allowed there: a copy.
		}
	}

	fs.copyFileSync(from, to);
	fs.chmodSync(to, (stat.mode & 0o111) === 0 ? 0o644 : 0o755);
}

/** Where Node finds package `name` imported from `folder`: the nearest node_modules up to the package root. */
function resolvePackage(packageRoot: string, name: string, folder: string): string | undefined {
	for (let at = folder; ; at = path.dirname(at)) {
		const candidate = path.join(at, 'node_modules', name);
		if (fs.existsSync(path.join(candidate, 'package.json'))) {
			return candidate;
		}

		if (path.relative(packageRoot, at) === '') {
			return undefined;
		}
	}
}

/**
 * The installed packages the CLI may load at run time: the package's dependencies, then theirs
 * (and the peer dependencies each has installed), each at the place Node resolves it from its
 * importer. Relative to the package root.
 */
function runtimePackages(packageRoot: string): string[] {
	const found = new Set<string>();
	const visit = (folder: string): void => {
		const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
		const names = [manifest.dependencies, manifest.optionalDependencies, manifest.peerDependencies].flatMap(each => Object.keys(each ?? {}));
		for (const name of names) {
			const resolved = resolvePackage(packageRoot, name, folder);
			const relative = resolved === undefined ? undefined : path.relative(packageRoot, resolved);
			if (relative !== undefined && !found.has(relative)) {
				found.add(relative);
				visit(resolved!);
			}
		}
	};

	visit(packageRoot);
	return [...found].sort();
}

/**
 * The test entry (helpers/cli-entry.mjs) in the readable copy of this checkout, made on first use.
 * Checks nothing itself: the caller has checked that dist/ is today's build (helpers/fresh-build.ts).
 */
export function readableCliEntry(): string {
	if (copyRoot === undefined) {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-cli-copy-'));
		// Removed however the process ends normally (also when the copy fails half way).
		process.once('exit', () => {
			fs.rmSync(root, {recursive: true, force: true});
		});
		copyProgram(checkout, root);
		copyRoot = root;
	}

	return path.join(copyRoot, entry);
}

/** Copies what runs the CLI from the package at `packageRoot` into the empty folder `root`, made readable (0755) here. */
export function copyProgram(packageRoot: string, root: string): void {
	fs.chmodSync(root, 0o755);
	const packages = runtimePackages(packageRoot);
	const folders = new Set<string>();
	for (const relative of [...programFiles, ...packages]) {
		for (let parent = path.dirname(relative); parent !== '.' && !folders.has(parent); parent = path.dirname(parent)) {
			folders.add(parent);
		}
	}

	// Parents first (node_modules/, node_modules/@scope/, test/helpers/, ...), then what goes in them.
	for (const folder of [...folders].sort((a, b) => a.length - b.length)) {
		fs.mkdirSync(path.join(root, folder));
		fs.chmodSync(path.join(root, folder), 0o755);
	}

	for (const relative of programFiles) {
		copyTree(path.join(packageRoot, relative), path.join(root, relative));
	}

	// A package's own node_modules/ holds only the packages resolved there, which are in the list.
	for (const relative of packages) {
		copyTree(path.join(packageRoot, relative), path.join(root, relative), name => name === 'node_modules');
	}
}
