import type {Charset} from '../ui/glyphs.js';
import type {ColorLevel, TerminalStyle} from '../ui/terminal-style.js';

/**
 * What the terminal can show, read from the environment here and nowhere else (the screen is handed
 * the result): the character set from the locale, the colours from TERM, COLORTERM and NO_COLOR
 * (not FORCE_COLOR: test runners and CI tools set it for their own output, and it leaks into
 * what they start). The rules are in docs/terminals.md.
 */

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * UTF-8 when the locale names it: the first of LC_ALL, LC_CTYPE, LANG that is set and not empty
 * (POSIX's order) ends in `.UTF-8` or `.utf8` (any case, as glibc accepts both); otherwise (none
 * set, `C`, `POSIX`, `en_US.ISO-8859-1`) ASCII, which every terminal shows.
 */
export function charsetOf(environment: Environment): Charset {
	const locale = [environment.LC_ALL, environment.LC_CTYPE, environment.LANG].find(value => value !== undefined && value !== '');
	return locale !== undefined && /utf-?8/i.test(locale) ? 'utf8' : 'ascii';
}

/** Terminals that show no colour at all (the DEC VT family without a `-color` variant). */
const monochrome = /^(vt\d+|dumb)(-|$)/;

/** Terminals with the 8 basic colours only (no bright ones): gray is drawn as dim white there. */
const eightColors = /^(ansi|cons25|pcansi|xterm-color|sun-color)$/;

/**
 * The colours the terminal shows. NO_COLOR (set and not empty, no-color.org) wins: none. Then TERM:
 * unset, `dumb` or a VT100-like terminal: none; `*-256color`: 256; a few 8-colour names: 8;
 * anything else (xterm, linux, screen, tmux, rxvt): 16. COLORTERM=truecolor or 24bit raises a
 * colour terminal to 24-bit.
 */
export function colorLevelOf(environment: Environment): ColorLevel {
	if ((environment.NO_COLOR ?? '') !== '') {
		return 'none';
	}

	const term = (environment.TERM ?? '').toLowerCase();
	if (term === '' || monochrome.test(term)) {
		return 'none';
	}

	if (/^(truecolor|24bit)$/i.test(environment.COLORTERM ?? '') || term.endsWith('-direct')) {
		return 'truecolor';
	}

	if (/-256(colou?r)?$/.test(term)) {
		return '256';
	}

	return eightColors.test(term) ? '8' : '16';
}

/** The screen's character set and colours; `ascii` (the --ascii flag) forces ASCII. */
export function terminalStyle(environment: Environment, ascii: boolean): TerminalStyle {
	return {charset: ascii ? 'ascii' : charsetOf(environment), colors: colorLevelOf(environment)};
}
