import type {SessionInfo} from '../model/feed.js';
import {statusLines} from './header-lines.js';
import type {ViewState} from '../model/history-store.js';
import {ScreenLines} from './screen-line.js';
import {systemLine} from './system-line.js';
import type {Line} from './text.js';

type Props = {
	readonly info: SessionInfo;
	readonly view: ViewState;
	/** Already chosen and counted by the screen budget. */
	readonly warnings: readonly Line[];
	readonly width: number;
};

/** Host, version, interval, clock; recording state; the host's load and the daemons up; then warnings. */
export function Header({info, view, warnings, width}: Props) {
	return <ScreenLines prefix="header" lines={[...statusLines(info, view, width), systemLine(view.snapshot?.system, view.snapshot?.daemons, width), ...warnings]} />;
}
