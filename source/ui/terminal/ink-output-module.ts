/**
 * Ink's internal Output module (see ink-frame-shortcut.ts). It is not in Ink's exports, so it is
 * loaded by file URL next to Ink's entry point: the same URL Ink imports, hence the same module.
 * The single-file build (package/build.mjs) replaces this module with a static import of that very
 * file, which the bundler then shares with Ink: a bundle has no node_modules to find it by path.
 */
export async function loadInkOutputModule(): Promise<{default?: unknown}> {
	return import(new URL('output.js', import.meta.resolve('ink')).href) as Promise<{default?: unknown}>;
}
