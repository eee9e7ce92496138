import type {SessionInfo} from '../model/feed.js';
import type {ViewState} from '../model/history-store.js';
import {warningLines} from './header-lines.js';

/** As many warning lines as the screen ever shows (App asks for 2). */
const shownWarnings = 2;

const warningText = (info: SessionInfo, view: ViewState): string =>
	warningLines(info, view, shownWarnings).map(line => line.map(segment => segment.text).join('')).join('\n');

/**
 * The model's view as the screen needs it: while the display is paused, a tick changes nothing
 * shown but the header's row count (the snapshot, the charts, the disk and the loads are frozen by
 * the store), so the view the screen last drew is kept, the row count with it, and React does no work
 * at all on such a tick. What still reaches a paused screen: resuming, the recorder failing or
 * recovering, every daemon given up, and a warning line appearing, changing or expiring.
 *
 * `getSnapshot` returns the same object for the same store view (the `useSyncExternalStore` contract).
 */
export function visibleView(source: () => ViewState, info: SessionInfo): () => ViewState {
	let input: ViewState | undefined;
	let shown: ViewState | undefined;
	return () => {
		const view = source();
		if (view === input) {
			return shown!;
		}

		input = view;
		const invisible = shown !== undefined && shown.paused && view.paused && view.replay === undefined && shown.replay === undefined
			&& view.allGivenUp === shown.allGivenUp
			&& view.recording?.error === shown.recording?.error
			&& view.recording?.folder === shown.recording?.folder
			&& warningText(info, view) === warningText(info, shown);
		if (!invisible) {
			shown = view;
		}

		return shown!;
	};
}
