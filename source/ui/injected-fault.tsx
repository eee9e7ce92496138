import {useSyncExternalStore} from 'react';
import type {HistoryStore} from '../model/history-store.js';

type Props = {readonly store: HistoryStore; readonly afterTick: number};

/**
 * Throws while rendering once the screen has shown `afterTick` ticks. A bug in a component cannot
 * be summoned on purpose, so the crash path (terminal restored, CSVs flushed, one line, exit 1) is
 * tested with this stand-in, enabled only by the test entry's `uiFaultAfterTick` hook (test/helpers/cli-entry.mjs).
 */
export function InjectedFault({store, afterTick}: Props) {
	const view = useSyncExternalStore(store.subscribe, store.getSnapshot);
	if ((view.snapshot?.tick ?? 0) >= afterTick) {
		throw new Error(`injected fault after tick ${afterTick}`);
	}

	return null;
}
