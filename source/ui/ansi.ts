import type {Line} from './text.js';
import type {ColorLevel} from './terminal-style.js';

/** SGR codes of the colours the UI uses (Ink colour names). */
const colorCodes: Record<string, number> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
};

function isPlainBlank(segment: Line[number]): boolean {
	return !segment.inverse && segment.text.trim() === '';
}

/**
 * A line as terminal text: each styled segment wrapped in its SGR codes and a reset. Plain text
 * stays plain. Unknown colour names are ignored rather than breaking the line. Colours only when the
 * terminal has them (`colors`); bold, dim and inverse always (they are not colours, and the
 * selection bar is inverse). This is the one place that writes colours.
 */
export function lineToAnsi(line: Line, colors: ColorLevel = '16'): string {
	// Trailing blanks without a style are not drawn (Ink trims them anyway): less text to process.
	let end = line.length;
	while (end > 0 && isPlainBlank(line[end - 1]!)) {
		end--;
	}

	let text = '';
	for (const segment of line.slice(0, end)) {
		const codes: number[] = [];
		if (segment.bold) {
			codes.push(1);
		}

		if (segment.dim) {
			codes.push(2);
		}

		if (segment.inverse) {
			codes.push(7);
		}

		const color = segment.color === undefined || colors === 'none' ? undefined : colorCodes[segment.color];
		if (color !== undefined) {
			// Eight colours have no gray (90): white, dimmed.
			codes.push(...(color === 90 && colors === '8' ? [2, 37] : [color]));
		}

		text += codes.length === 0 ? segment.text : `\u001B[${codes.join(';')}m${segment.text}\u001B[0m`;
	}

	return text;
}
