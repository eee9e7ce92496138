import type {Line} from '../../source/ui/text.js';

/** A line's text without its styles. */
export function lineText(line: Line): string {
	return line.map(segment => segment.text).join('');
}
