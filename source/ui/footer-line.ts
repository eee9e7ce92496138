import {detailFooterKeys, footerKeys, type KeyHelp, replayDetailFooterKeys, replayFooterKeys} from './keys.js';
import {fitLine, type Line, type Segment} from './text.js';
import type {UiState} from './ui-state.js';

function keySegments(bindings: readonly KeyHelp[]): Segment[] {
	return bindings.flatMap((binding, index) => [
		{text: index === 0 ? '' : '  '},
		{text: binding.keys, bold: true, color: 'cyan'},
		{text: ` ${binding.action}`},
	]);
}

/** The bottom line: the filter being typed, or the filter in force and the main keys (of replay when browsing a recording). */
export function footerLine(ui: UiState, width: number, replay = false): Line {
	if (ui.editing) {
		return fitLine([
			{text: 'filter: ', bold: true, color: 'yellow'},
			{text: ui.filter},
			{text: '▏', color: 'yellow'},
			{text: '   Enter keep  Esc clear', dim: true},
		], width);
	}

	const segments: Segment[] = [];
	if (ui.filter !== '' && ui.view === 'table') {
		segments.push({text: `filter "${ui.filter}"`, color: 'yellow', bold: true}, {text: ' Esc clears  ', dim: true});
	}

	const detail = ui.view === 'detail';
	const keys = replay ? (detail ? replayDetailFooterKeys : replayFooterKeys) : (detail ? detailFooterKeys : footerKeys);
	segments.push(...keySegments(keys));
	return fitLine(segments, width);
}
