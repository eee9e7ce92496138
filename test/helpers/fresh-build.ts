import {fileURLToPath} from 'node:url';
import {staleBuild} from '../../package/build-stamp.mjs';

/*
 * End-to-end tests run the built CLI (dist/), unit tests the sources: after an edit without
 * `npm run build`, the end-to-end ones would test yesterday's program. Every way a test starts
 * dist/ goes through here first (helpers/cli.ts), and fails when dist/.build-stamp is not the hash
 * of today's sources (package/build-stamp.mjs).
 */

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
let verdict: string | undefined | null = null;

/** Throws "dist/ is older than source/ (run npm run build)" when the build is stale; checked once per process. */
export function assertFreshBuild(): void {
	if (verdict === null) {
		verdict = staleBuild(packageRoot);
	}

	if (verdict !== undefined) {
		throw new Error(verdict);
	}
}
