import fs from 'node:fs';
import {fileURLToPath} from 'node:url';

export type Programs = {fake: string; supervisor: string};

/**
 * The compiled fake and supervisor. Plain node cannot run the .ts sources, so even when this module
 * runs from `source/` under tsx (tests), the processes it launches use `dist/`.
 */
export function builtPrograms(): Programs {
	// Both source/demo/ and dist/demo/ sit two levels below the package root.
	const root = new URL('../../', import.meta.url);
	const programs = {
		fake: fileURLToPath(new URL('dist/demo/fake-daemon.js', root)),
		supervisor: fileURLToPath(new URL('dist/demo/supervisor.js', root)),
	};
	for (const program of Object.values(programs)) {
		if (!fs.existsSync(program)) {
			throw new Error(`The demo fleet needs ${program}: run npm run build first`);
		}
	}

	return programs;
}
