import {type Fleet, demoManager, demoManager5, startFleet} from '../demo/fleet.js';
import type {Logger} from '../recorder/logger.js';

/**
 * Starts the demo's simulated manager (the command line has already said that it is starting: the
 * screen comes up only once it runs), saying so when it is slow rather than giving up. Throws
 * when it cannot start.
 */
export async function startDemo(
	version: 4 | 5,
	options: {readonly dir?: string; readonly slowStartMs?: number; readonly logger: Logger; readonly say: (line: string) => void},
): Promise<Fleet> {
	const daemons = version === 5 ? demoManager5 : demoManager;
	options.logger.info(`demo: starting a simulated Wazuh ${version}.x manager (${daemons.length} daemons)`);
	return startFleet({
		daemons,
		dir: options.dir,
		slowStartMs: options.slowStartMs,
		onSlowStart: ({ready, total, seconds}) => {
			const line = `the demo is still starting: ${ready} of ${total} daemons up after ${seconds} s (a busy machine); waiting`;
			options.say(line);
			options.logger.info(line);
		},
	});
}
