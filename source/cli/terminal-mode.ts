import fs from 'node:fs';
import path from 'node:path';

/**
 * The system's compiled terminfo folders (Debian and Ubuntu use the first three, RHEL and its
 * rebuilds the last two). A fixed list: TERMINFO, TERMINFO_DIRS and ~/.terminfo are not read, so
 * what the screen does never depends on a folder a user can write. A terminal type found nowhere
 * here keeps the screen (most terminals are xterm-like), unless it is one of `noCursorNames`.
 */
export const terminfoFolders: readonly string[] = ['/etc/terminfo', '/lib/terminfo', '/usr/share/terminfo', '/usr/lib/terminfo'];

/** TERM values that mean "no cursor addressing" and often have no terminfo entry (`unknown`: ssh and init without a type; `emacs`: older Emacs shells). */
const noCursorNames: ReadonlySet<string> = new Set(['dumb', 'unknown', 'emacs']);

/** Legacy terminfo (16-bit numbers) and ncurses 6's extended format (32-bit numbers). */
const legacyMagic = 0o432;
const extendedMagic = 0o1036;
/** Index of `cup` (cursor_address) among terminfo's string capabilities (term.h's order). */
const cursorAddressIndex = 10;

/**
 * Whether a compiled terminfo entry defines `cup` (cursor_address), the capability a full screen
 * needs; undefined when the bytes are not a terminfo entry.
 */
export function entryHasCursorAddressing(entry: Buffer): boolean | undefined {
	if (entry.length < 12) {
		return undefined;
	}

	const magic = entry.readInt16LE(0);
	if (magic !== legacyMagic && magic !== extendedMagic) {
		return undefined;
	}

	const [nameSize, boolCount, numberCount, stringCount] = [2, 4, 6, 8].map(offset => entry.readInt16LE(offset)) as [number, number, number, number];
	if (nameSize < 0 || boolCount < 0 || numberCount < 0 || stringCount < 0) {
		return undefined;
	}

	let offset = 12 + nameSize + boolCount;
	// The numbers start on an even byte.
	offset += offset % 2;
	offset += numberCount * (magic === legacyMagic ? 2 : 4);
	if (stringCount <= cursorAddressIndex) {
		return false;
	}

	const at = offset + (cursorAddressIndex * 2);
	if (at + 2 > entry.length) {
		return undefined;
	}

	// -1: absent, -2: cancelled; anything else is an offset into the string table.
	return entry.readInt16LE(at) >= 0;
}

/**
 * Reads the entry of `term` from the system's folders: a regular file owned by root and written by
 * root only, never through a symlink (an alias that is a link counts as not found). Undefined when
 * no such entry is found or it cannot be read.
 */
export function terminfoCursorAddressing(term: string, folders: readonly string[] = terminfoFolders): boolean | undefined {
	// A terminal name, never a path.
	if (!/^[\w.+-]+$/.test(term) || term.startsWith('.')) {
		return undefined;
	}

	const first = term[0]!;
	for (const folder of folders) {
		// Linux's layout (x/xterm), and the hexadecimal one of some systems (78/xterm).
		for (const sub of [first, first.codePointAt(0)!.toString(16)]) {
			const file = path.join(folder, sub, term);
			let fd: number;
			try {
				fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
			} catch {
				continue;
			}

			try {
				const stat = fs.fstatSync(fd);
				if (!stat.isFile() || stat.uid !== 0 || (stat.mode & 0o022) !== 0 || stat.size > 65_536) {
					continue;
				}

				const found = entryHasCursorAddressing(fs.readFileSync(fd));
				if (found !== undefined) {
					return found;
				}
			} catch {
				continue;
			} finally {
				fs.closeSync(fd);
			}
		}
	}

	return undefined;
}

/**
 * Why a terminal cannot show the full screen (it cannot move its cursor), or undefined when it can.
 * TERM unset, empty, `dumb`, `unknown` or `emacs`, or an entry without `cup`: the screen's frames are
 * cursor moves, which such a terminal prints as garbage.
 */
export function noScreenReason(term: string | undefined, cursorAddressing: (term: string) => boolean | undefined = terminfoCursorAddressing): string | undefined {
	if (term === undefined) {
		return 'TERM is not set';
	}

	if (term === '') {
		return 'TERM is empty';
	}

	const capable = cursorAddressing(term);
	if (capable === false || (capable === undefined && noCursorNames.has(term))) {
		return `TERM=${term.replaceAll(/[^\u0020-\u007E]/g, '?')}${capable === false && !noCursorNames.has(term) ? ' cannot address the cursor' : ''}`;
	}

	return undefined;
}

/** How a live run shows itself: the full screen, the table as plain text, or nothing (status lines on stderr). */
export type Display = 'screen' | 'batch' | 'none';

/**
 * The display of a live run: `--headless` none, `--batch` batch; else no terminal on stdout none (a
 * pipe, a file, cron), a terminal that cannot move its cursor batch (and why, said once on stderr),
 * any other terminal the screen.
 */
export function chooseDisplay(options: {readonly headless: boolean; readonly batch: boolean}, stdoutIsTerminal: boolean, term: string | undefined, cursorAddressing?: (term: string) => boolean | undefined): {display: Display; why?: string} {
	if (options.headless) {
		return {display: 'none'};
	}

	if (options.batch) {
		return {display: 'batch'};
	}

	if (!stdoutIsTerminal) {
		return {display: 'none'};
	}

	const why = noScreenReason(term, cursorAddressing);
	return why === undefined ? {display: 'screen'} : {display: 'batch', why: `${why}: batch output; --headless for none`};
}
