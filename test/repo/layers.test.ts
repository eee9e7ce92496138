import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';

/*
 * The layer rule of docs/architecture.md: a folder of source/ imports only from itself and from the
 * folders below it in this list (bottom first). Data flows one way, collect -> snapshot -> model ->
 * consumers; a consumer never reaches back into a collector, the screen never into the recorder.
 */
export const layers = [
	'math', 'procfs', 'wazuh', 'model', 'safe-fs', 'collect', 'recorder', 'reader',
	'export', 'report', 'ui', 'replay', 'demo', 'session', 'cli',
] as const;

const sourceRoot = path.resolve('source');

function sourceFiles(folder: string): string[] {
	return fs.readdirSync(folder, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			return sourceFiles(full);
		}

		return /\.tsx?$/.test(entry.name) ? [full] : [];
	});
}

/** Relative module specifiers of a file: static imports, re-exports and dynamic imports. */
export function relativeImports(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]+)\1/g)) {
		found.push(match[2]!);
	}

	return found;
}

/** The layer of a file under source/ (its first folder), or undefined for the entry files at the top. */
function layerOf(file: string): string | undefined {
	const parts = path.relative(sourceRoot, file).split(path.sep);
	return parts.length > 1 ? parts[0] : undefined;
}

test('every source folder is a known layer', t => {
	const folders = fs.readdirSync(sourceRoot, {withFileTypes: true}).filter(entry => entry.isDirectory()).map(entry => entry.name);
	t.deepEqual(folders.filter(folder => !(layers as readonly string[]).includes(folder)), []);
});

test('imports run down the layers only, with no cycle between folders', t => {
	const violations: string[] = [];
	for (const file of sourceFiles(sourceRoot)) {
		const from = layerOf(file);
		if (from === undefined) {
			continue; // source/index.ts and source/cli.ts sit on top of everything.
		}

		for (const specifier of relativeImports(fs.readFileSync(file, 'utf8'))) {
			const target = layerOf(path.resolve(path.dirname(file), specifier));
			if (target === undefined) {
				violations.push(`${path.relative(sourceRoot, file)} imports the entry ${specifier}`);
				continue;
			}

			if (layers.indexOf(target as typeof layers[number]) > layers.indexOf(from as typeof layers[number])) {
				violations.push(`${path.relative(sourceRoot, file)} (${from}) imports ${specifier} (${target}, a layer above)`);
			}
		}
	}

	t.deepEqual(violations, []);
});

test('the import scanner sees every form of import', t => {
	const text = [
		'import {a} from \'../model/a.js\';',
		'import type {B} from "../ui/b.js";',
		'export {c} from \'./c.js\';',
		'const d = await import(\'../cli/d.js\');',
		'import \'./side-effect.js\';',
		'import fs from \'node:fs\';',
	].join('\n');
	t.deepEqual(relativeImports(text), ['../model/a.js', '../ui/b.js', './c.js', '../cli/d.js', './side-effect.js']);
});
