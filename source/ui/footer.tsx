import {footerLine} from './footer-line.js';
import {ScreenLines} from './screen-line.js';
import type {UiState} from './ui-state.js';

/** The main keys, or the filter being typed. */
export function Footer({ui, width}: {readonly ui: UiState; readonly width: number}) {
	return <ScreenLines prefix="footer" lines={[footerLine(ui, width)]} />;
}
