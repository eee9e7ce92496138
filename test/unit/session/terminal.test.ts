import test from 'ava';
import {charsetOf, colorLevelOf, terminalStyle} from '../../../source/session/terminal.js';
import type {ColorLevel} from '../../../source/ui/terminal-style.js';

test('the character set: UTF-8 only when the first locale variable set (LC_ALL, LC_CTYPE, LANG) names it', t => {
	t.is(charsetOf({}), 'ascii', 'no locale at all');
	t.is(charsetOf({LANG: 'C'}), 'ascii');
	t.is(charsetOf({LANG: 'POSIX'}), 'ascii');
	t.is(charsetOf({LANG: 'en_US.ISO-8859-1'}), 'ascii');
	t.is(charsetOf({LANG: 'C.UTF-8'}), 'utf8');
	t.is(charsetOf({LANG: 'en_US.utf8'}), 'utf8');
	t.is(charsetOf({LANG: 'de_DE.Utf-8@euro'}), 'utf8', 'any case');
	t.is(charsetOf({LC_ALL: 'C', LANG: 'C.UTF-8'}), 'ascii', 'LC_ALL first');
	t.is(charsetOf({LC_ALL: 'C.UTF-8', LANG: 'C'}), 'utf8');
	t.is(charsetOf({LC_CTYPE: 'C', LANG: 'C.UTF-8'}), 'ascii', 'LC_CTYPE before LANG');
	t.is(charsetOf({LC_ALL: '', LC_CTYPE: '', LANG: 'C.UTF-8'}), 'utf8', 'an empty variable is not set');
	t.is(terminalStyle({LANG: 'C.UTF-8', TERM: 'xterm'}, true).charset, 'ascii', '--ascii forces it');
	t.is(terminalStyle({LANG: 'C.UTF-8', TERM: 'xterm'}, false).charset, 'utf8');
});

test('the colour level: NO_COLOR wins, then TERM and COLORTERM; FORCE_COLOR is not read', t => {
	const cases: Array<[Record<string, string>, ColorLevel]> = [
		[{}, 'none'],
		[{TERM: 'dumb'}, 'none'],
		[{TERM: 'vt100'}, 'none'],
		[{TERM: 'vt220'}, 'none'],
		[{TERM: 'linux'}, '16'],
		[{TERM: 'xterm'}, '16'],
		[{TERM: 'screen'}, '16'],
		[{TERM: 'xterm-color'}, '8'],
		[{TERM: 'ansi'}, '8'],
		[{TERM: 'xterm-256color'}, '256'],
		[{TERM: 'tmux-256color'}, '256'],
		[{TERM: 'xterm-256color', COLORTERM: 'truecolor'}, 'truecolor'],
		[{TERM: 'xterm', COLORTERM: '24bit'}, 'truecolor'],
		[{TERM: 'vt100', COLORTERM: 'truecolor'}, 'none'],
		[{TERM: 'xterm-direct'}, 'truecolor'],
		[{TERM: 'xterm-256color', NO_COLOR: '1'}, 'none'],
		[{TERM: 'xterm-256color', NO_COLOR: ''}, '256'],
		[{TERM: 'vt100', FORCE_COLOR: '3'}, 'none'],
	];
	for (const [environment, level] of cases) {
		t.is(colorLevelOf(environment), level, JSON.stringify(environment));
	}
});
