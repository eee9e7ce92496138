import fs from 'node:fs';
import {fileURLToPath} from 'node:url';

export type Programs = {
	/** The arguments before the fleet dir that make this process's executable run the supervisor. */
	supervisor: readonly string[];
};

/**
 * The compiled supervisor (the fakes are bash, see fake-daemon.sh). Plain node cannot run the .ts
 * sources, so even when this module runs from `source/` under tsx (tests), the supervisor is `dist/`'s.
 * The single-file build (package/build.mjs) replaces this module: there the supervisor is the
 * bundle itself, which runs it when started as `wazuh-demo-supervisor` (package/entry.ts).
 */
export function builtPrograms(): Programs {
	// Both source/demo/ and dist/demo/ sit two levels below the package root.
	const supervisor = fileURLToPath(new URL('../../dist/demo/supervisor.js', import.meta.url));
	if (!fs.existsSync(supervisor)) {
		throw new Error(`The demo fleet needs ${supervisor}: run npm run build first`);
	}

	return {supervisor: [supervisor]};
}
