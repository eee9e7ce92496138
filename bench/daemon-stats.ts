/**
 * The daemon statistics section of `npm run bench` alone (sections/daemon-stats.ts), with the full
 * run's settings or `--quick`'s: the same lines and JSON keys as in the whole bench.
 *
 *   npm run build && node --import=tsx bench/daemon-stats.ts [--quick]
 *
 * Every process it starts is killed at the end, on failure and on Ctrl-C (cleanup.ts).
 */
import os from 'node:os';
import {installCleanup} from './cleanup.js';
import {machineFacts} from './machine.js';
import {Report} from './report.js';
import {measureDaemonStats} from './sections/daemon-stats.js';
import {fullSettings, quickSettings} from './settings.js';
import {summariseDaemonStats} from './summary.js';

installCleanup();
const started = performance.now();
const quick = process.argv.includes('--quick');
const settings = (quick ? quickSettings : fullSettings).daemonStats;
const machine = machineFacts();
const result = await measureDaemonStats(settings, line => {
	process.stderr.write(`bench: ${line}\n`);
});
const report = new Report();
const json: Record<string, unknown> = {mode: quick ? 'quick' : 'full'};
summariseDaemonStats(result, report, json);
json.seconds = Math.round((performance.now() - started) / 1000);
const loadEnd = os.loadavg().map(load => load.toFixed(2)).join(' ');
process.stdout.write(`\nwazuh-metrics bench, daemon statistics (${quick ? 'quick' : 'full'}): ${machine.nproc} x ${machine.cpu}, ${machine.memoryGb} GB, Linux ${machine.kernel}, Node ${machine.node}\n`);
process.stdout.write(`load average ${machine.loadAverage} -> ${loadEnd}; ${json.seconds as number} s\n\n${report.render()}\n\n${JSON.stringify(json)}\n`);
// Nothing may keep a finished run alive; cleanup runs on exit.
process.exit(0);
