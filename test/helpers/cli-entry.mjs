/*
 * Test-only entry of the CLI (never installed): the built CLI with test hooks passed explicitly as
 * the first argument (JSON, see SessionHooks in source/session/session.ts), and a lifeline, so a
 * CLI started by a test never outlives the test's worker, even one killed with -9.
 * Usage: node test/helpers/cli-entry.mjs '<hooks json>' [CLI arguments...]
 */
import {runCli} from '../../dist/cli/run.js';

const [hooks = '{}', ...args] = process.argv.slice(2);

// The worker that started us is gone (killed, timed out): end like on SIGTERM, so the CSVs are
// flushed and the demo fleet is stopped, then the normal exit path runs.
const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) {
		process.kill(process.pid, 'SIGTERM');
	}
}, 200).unref();

await runCli(args, JSON.parse(hooks));
