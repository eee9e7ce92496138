import {Transform} from 'ink';
import {memo, useContext} from 'react';
import {lineToAnsi} from './ansi.js';
import {ScreenStyleContext} from './terminal-style.js';
import {type Line, lineSignature, lineWidth} from './text.js';

type Props = {
	readonly line: Line;
	/** `lineSignature(line)`; a row re-renders only when it changes. */
	readonly signature: string;
	/** Written after the line, taking no width (an SGR code): see Footer's redraw mark. */
	readonly suffix?: string;
};

/**
 * One screen line, already cut to the width.
 *
 * Ink lays out the blank placeholder and the transform writes the real (styled) line in its place.
 * Two reasons not to give Ink the text itself: Ink caches the size of every text it has ever
 * measured in a module-level Map that is never emptied, so a table whose numbers change every tick
 * would grow memory without bound (about 10 MB per 1000 frames of a 30-row table); and measuring
 * non-ASCII text (sparklines, tree glyphs) is Ink's slowest path, while blanks take a fast one.
 */
export const ScreenLine = memo(
	function ScreenLine({line, suffix = ''}: Props) {
		// The terminal's colours and character set (ASCII: one character per glyph, same width).
		const {colors, glyphs} = useContext(ScreenStyleContext);
		const width = lineWidth(line);
		if (width === 0) {
			return null;
		}

		const text = glyphs.line(lineToAnsi(line, colors)) + suffix;
		// Only the first line: if Ink ever wrapped the placeholder, the rest must stay blank.
		return <Transform transform={(_placeholder, index) => (index === 0 ? text : '')}>{' '.repeat(width)}</Transform>;
	},
	(previous, next) => previous.signature === next.signature,
);

/** Renders lines with their signatures computed here, for callers that have plain lines. */
export function ScreenLines({lines, prefix}: {readonly lines: readonly Line[]; readonly prefix: string}) {
	return (
		<>
			{lines.map((line, index) => (
				// Keyed by index: a position on screen is the identity.
				<ScreenLine key={`${prefix}${index}`} line={line} signature={lineSignature(line)} />
			))}
		</>
	);
}
