import os from 'node:os';
import path from 'node:path';
import type {SessionInfo} from '../model/feed.js';
import type {HistoryStore} from '../model/history-store.js';
import type {Logger} from '../recorder/logger.js';
import type {SessionConfig} from './config.js';

/** What only tests steer on the screen (see SessionHooks). */
export type ScreenHooks = {
	/** Makes the screen throw once it has shown this tick. */
	readonly uiFaultAfterTick?: number;
	/** Waits this long before loading the screen, as a busy machine does. */
	readonly uiLoadDelayMs?: number;
};

export type Screen = {
	/** Resolves when the user quits. */
	readonly exited: Promise<void>;
	unmount(): void;
};

/**
 * Loads Ink and starts the screen over the live model (the history store the session already
 * attached to its feed, so it holds every tick the CSVs do while Ink loads).
 */
export async function startScreen(
	store: HistoryStore,
	facts: Facts & {
		/** Which process's threads the detail view shows (undefined: none), for the collector to read them. */
		readonly threadFocus: (pid: number | undefined) => void;
	},
	hooks: ScreenHooks,
	onCrash: (error: Error) => void,
): Promise<Screen> {
	if (hooks.uiLoadDelayMs !== undefined) {
		await new Promise(resolve => {
			setTimeout(resolve, hooks.uiLoadDelayMs);
		});
	}

	const {runUi, frameShortcut} = await import('../ui/run-ui.js');
	facts.logger.info(`screen: Ink frame shortcut ${frameShortcut ? 'on' : 'off (Ink composes every frame)'}`);
	return runUi(store, liveInfo(facts), {faultAfterTick: hooks.uiFaultAfterTick, onCrash, onThreadFocus: facts.threadFocus, style: facts.config.style});
}

type Facts = {readonly config: SessionConfig; readonly daemons: readonly string[]; readonly version: string; readonly logger: Logger};

/** What the model of a live run shows that does not change while it runs (the screen's header, batch output's). */
export function liveInfo(facts: Facts): SessionInfo {
	const {config, logger} = facts;
	return {
		source: 'live',
		host: os.hostname(),
		wazuhVersion: facts.version,
		interval: config.interval,
		demo: config.demo !== undefined,
		root: process.getuid?.() === 0,
		exportOnly: config.folders === undefined,
		location: logger.path,
		daemons: facts.daemons,
		diskPaths: config.diskPaths.map(disk => path.resolve(disk)),
	};
}
