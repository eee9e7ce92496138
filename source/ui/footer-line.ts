import type {Glyphs} from './glyphs.js';
import {utf8Glyphs} from './glyphs.js';
import {type FooterKey, footerKeys} from './keys.js';
import {fitLine, type Line, lineWidth, type Segment} from './text.js';
import {modeOf, type UiState} from './ui-state.js';

/** Kept whatever the width: how to learn the rest and how to leave. */
const kept = new Set(['help', 'quit']);

function keySegments(bindings: readonly FooterKey[], glyphs: Glyphs): Segment[] {
	return bindings.flatMap((binding, index) => [
		{text: index === 0 ? '' : '  '},
		{text: glyphs.text(binding.keys), bold: true, color: 'cyan'},
		{text: ` ${glyphs.text(binding.action)}`},
	]);
}

/**
 * The mode's keys in `width`: the last ones dropped first, `? help` and `q quit` never. What comes
 * before them (the filter in force, a note) is cut, with a mark, to leave them room.
 */
function withKeys(before: Segment[], keys: readonly FooterKey[], width: number, glyphs: Glyphs): Line {
	let shown = [...keys];
	const total = () => lineWidth(before) + lineWidth(keySegments(shown, glyphs));
	while (total() > width) {
		const drop = shown.findLastIndex(binding => !kept.has(binding.command));
		if (drop === -1) {
			break;
		}

		shown = shown.filter((_binding, index) => index !== drop);
	}

	const keyPart = keySegments(shown, glyphs);
	const room = Math.max(0, width - lineWidth(keyPart));
	return fitLine([...(lineWidth(before) > room ? fitLine(before, room) : before), ...keyPart], width);
}

/**
 * The bottom line: the filter being typed; or a note (a key that does nothing here), the filter in
 * force, and the main keys of the mode on screen (of replay when browsing a recording).
 */
export function footerLine(ui: UiState, width: number, replay = false, glyphs: Glyphs = utf8Glyphs): Line {
	if (ui.editing) {
		return fitLine([
			{text: 'filter: ', bold: true, color: 'yellow'},
			{text: ui.filter},
			{text: '▏', color: 'yellow'},
			{text: '   Enter keep  Esc clear', dim: true},
		], width);
	}

	const keys = footerKeys[modeOf(ui, replay)];
	if (ui.hint !== undefined) {
		return withKeys([{text: glyphs.text(ui.hint), color: 'yellow', bold: true}, {text: '  '}], keys.filter(binding => kept.has(binding.command)), width, glyphs);
	}

	const before: Segment[] = [];
	if (ui.filter !== '' && ui.view === 'table') {
		before.push({text: `filter "${ui.filter}"`, color: 'yellow', bold: true}, {text: ' Esc clears  ', dim: true});
	}

	return withKeys(before, keys, width, glyphs);
}
