/**
 * Lines of the screen as styled segments. Every line the UI draws is computed here first, cut and
 * padded to an exact width, so a row can never wrap and its width can be checked without rendering.
 *
 * Widths are counted in UTF-16 code units: everything the UI writes itself is single-width BMP text,
 * and text from outside (process names) goes through `sanitize` first.
 */

type Style = {
	readonly color?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
};

export type Segment = Style & {readonly text: string};

export type Line = readonly Segment[];

/** Replaces control characters and anything outside the BMP, which could break a line's width. */
export function sanitize(text: string): string {
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDFFF]|[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/g, '?');
}

/** `text` cut to `width`, ending in `…` when something was cut. */
export function cut(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (text.length <= width) {
		return text;
	}

	return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** Like `cut`, but keeps the end (paths, where the file name matters most). */
export function cutStart(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (text.length <= width) {
		return text;
	}

	return width === 1 ? '…' : `…${text.slice(text.length - width + 1)}`;
}

/** Like `cut`, but keeps both ends (`wazuh-modu…_child_2`): the end tells similar names apart. */
export function cutMiddle(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (text.length <= width) {
		return text;
	}

	if (width < 5) {
		return cut(text, width);
	}

	const tail = Math.floor((width - 1) / 2);
	return `${text.slice(0, width - 1 - tail)}…${text.slice(text.length - tail)}`;
}

export function padRight(text: string, width: number): string {
	const fitted = cut(text, width);
	return fitted + ' '.repeat(width - fitted.length);
}

export function padLeft(text: string, width: number): string {
	const fitted = cut(text, width);
	return ' '.repeat(width - fitted.length) + fitted;
}

export function lineWidth(line: Line): number {
	let width = 0;
	for (const segment of line) {
		width += segment.text.length;
	}

	return width;
}

/**
 * Cuts a line to `width` and pads it with spaces to exactly `width`, dropping empty segments.
 * Text cut off (not only blanks) is marked: the last character kept becomes `…`, in the style of
 * the segment it ends (`~` on an ASCII terminal, glyphs.ts).
 */
export function fitLine(line: Line, width: number): Line {
	const fitted: Segment[] = [];
	let used = 0;
	let lost = false;
	for (const segment of line) {
		const room = width - used;
		if (segment.text.length > room) {
			lost = segment.text.slice(Math.max(0, room)).trim() !== '';
			if (!lost) {
				// Only blanks past the end so far: what follows may still be text.
				const text = segment.text.slice(0, Math.max(0, room));
				if (text.length > 0) {
					fitted.push({...segment, text});
					used += text.length;
				}

				continue;
			}

			if (room > 0) {
				fitted.push({...segment, text: segment.text.slice(0, room)});
				used += room;
			}

			break;
		}

		if (segment.text.length > 0) {
			fitted.push(segment);
			used += segment.text.length;
		}
	}

	if (lost) {
		markCut(fitted);
	}

	if (used < width) {
		fitted.push({text: ' '.repeat(width - used)});
	}

	return fitted;
}

/** The last character of the last segment becomes `…` (a segment with no text is skipped). */
function markCut(segments: Segment[]): void {
	for (let index = segments.length - 1; index >= 0; index--) {
		const segment = segments[index]!;
		if (segment.text.length > 0) {
			segments[index] = {...segment, text: `${segment.text.slice(0, -1)}…`};
			return;
		}
	}
}

/** Left part, then the right part flush with `width`; the left part is cut first when both do not fit. */
export function spreadLine(left: Line, right: Line, width: number): Line {
	const rightWidth = Math.min(lineWidth(right), width);
	const leftRoom = Math.max(0, width - rightWidth - 1);
	const leftFitted = fitLine(left, leftRoom);
	return fitLine([...leftFitted, {text: ' '.repeat(width - leftRoom - rightWidth)}, ...right], width);
}

/** A compact key for memoising a line: its text and styles. */
export function lineSignature(line: Line): string {
	let signature = '';
	for (const segment of line) {
		signature += `${segment.color ?? ''}${segment.bold ? 'b' : ''}${segment.dim ? 'd' : ''}${segment.inverse ? 'i' : ''}\u0001${segment.text}\u0002`;
	}

	return signature;
}
