import fs from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

/**
 * The fake daemon's program, the bash script fake-daemon.sh (layout.ts writes it into the fleet
 * dir). It sits next to this module: in source/demo/ under tsx, in dist/demo/ where `npm run build`
 * copies it. The single-file build (package/build.mjs) replaces this module with one holding the
 * script's text, since the single file has nothing next to it.
 */
export async function fakeProgram(): Promise<string> {
	const file = fileURLToPath(new URL('fake-daemon.sh', import.meta.url));
	try {
		return await fs.readFile(file, 'utf8');
	} catch (error) {
		throw new Error(`The demo fleet needs ${file}: run npm run build first (${error instanceof Error ? error.message : String(error)})`);
	}
}
