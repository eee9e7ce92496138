import {StatsCollector} from '../../source/collect/stats/stats-collector.js';
import type {Installation} from '../../source/wazuh/installation.js';

/*
 * A process running a StatsCollector as the tool would, for test/hardening/stats-hung.test.ts: the
 * installation comes as JSON in argv[2]; on SIGINT it stops the collector and prints `stopped`,
 * and does NOT call process.exit: the process ends only if nothing of the collector is left
 * running (a socket, a timer). It ends too when its stdin closes (the test is gone).
 */

const installation = JSON.parse(process.argv[2] ?? '{}') as Installation;
const collector = new StatsCollector({installations: [installation], interval: 5, daemons: ['wazuh-analysisd']});
collector.on('snapshot', snapshot => {
	process.stdout.write(`round ${snapshot.round}\n`);
});
process.once('SIGINT', () => {
	void collector.stop().then(() => {
		process.stdout.write('stopped\n');
		process.stdin.destroy();
	});
});
process.stdin.on('end', () => {
	process.exit(3);
});
process.stdin.resume();
collector.start();
