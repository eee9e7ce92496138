import fs from 'node:fs';

/**
 * The tool's version, from its package.json (source/cli/ and dist/cli/ both sit two levels below
 * the package root). The single-file build (package/build.mjs) replaces this module with one that
 * returns the version as a constant: a bundle has no package.json next to it.
 */
export function toolVersion(): string {
	const packageJson = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
	return packageJson.version;
}
