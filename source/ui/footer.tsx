import {useContext} from 'react';
import {footerLine} from './footer-line.js';
import {ScreenLine} from './screen-line.js';
import {ScreenStyleContext} from './terminal-style.js';
import {lineSignature} from './text.js';
import type {UiState} from './ui-state.js';

type Props = {
	readonly ui: UiState;
	readonly width: number;
	/**
	 * Ctrl-L count. Ink writes a frame only when its text changed: after a redraw the footer ends
	 * with an invisible SGR reset on odd counts, so the same frame is written again, whole.
	 */
	readonly redraws?: number;
	/** Browsing a recording: replay's keys. */
	readonly replay?: boolean;
};

/** The main keys, or the filter being typed. */
export function Footer({ui, width, redraws = 0, replay = false}: Props) {
	const line = footerLine(ui, width, replay, useContext(ScreenStyleContext).glyphs);
	const mark = redraws % 2 === 1;
	return <ScreenLine line={line} signature={lineSignature(line) + (mark ? 'r' : '')} suffix={mark ? '\u001B[0m' : ''} />;
}
