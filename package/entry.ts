/*
 * Entry of the single-file build (package/build.mjs): the CLI, or the demo fleet's supervisor when
 * started through the fleet's `wazuh-demo-supervisor` symlink to this very executable (or to node,
 * with the bundle as its script). There is no other program to start: the single file is all.
 */
import path from 'node:path';
import {supervisorName} from '../source/demo/layout.js';

if (path.basename(process.argv0) === supervisorName) {
	await import('../source/demo/supervisor.js');
} else {
	const {runCli} = await import('../source/cli/run.js');
	await runCli(process.argv.slice(2));
}
