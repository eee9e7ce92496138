/**
 * The demo fleet's supervisor, as the product runs it: the parent of every fake, obeying only the
 * product's requests (start the fleet, stop it), see supervisor-core.ts.
 * Run through the `wazuh-demo-supervisor` symlink with the fleet dir as its argument.
 */
import {serveFleet} from './supervisor-core.js';

serveFleet(process.argv[2] ?? '');
