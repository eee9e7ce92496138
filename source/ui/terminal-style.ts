import {createContext} from 'react';
import type {Charset} from './glyphs.js';
import {glyphsOf, type Glyphs} from './glyphs.js';

/**
 * Colours the terminal shows, as decided by the session (source/session/terminal.ts): none, the 8
 * basic ones, 16 (with the bright ones), 256, or 24-bit. The screen only ever writes the basic SGR
 * colours (30-37, and 90 for gray where there are 16 or more), so no level ever gets a 256-colour
 * or truecolor sequence; the level says whether to colour at all and whether gray exists.
 */
export type ColorLevel = 'none' | '8' | '16' | '256' | 'truecolor';

/** What the terminal can show, decided once before the screen starts, and read by every line drawn. */
export type TerminalStyle = {
	readonly charset: Charset;
	readonly colors: ColorLevel;
};

export const defaultTerminalStyle: TerminalStyle = {charset: 'utf8', colors: '16'};

/** The style and its glyph table, given by the App's root to every ScreenLine. */
export type ScreenStyle = {readonly colors: ColorLevel; readonly glyphs: Glyphs};

export function screenStyleOf(style: TerminalStyle): ScreenStyle {
	return {colors: style.colors, glyphs: glyphsOf(style.charset)};
}

export const ScreenStyleContext = createContext<ScreenStyle>(screenStyleOf(defaultTerminalStyle));
