import type {Line} from './text.js';

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

let colorOutput = true;

/**
 * Whether colours may be written: not when NO_COLOR is set to anything but the empty string
 * (no-color.org). Bold, dim and inverse stay: they are not colours, and the selection bar is inverse.
 */
export function colorsWanted(environment: NodeJS.ProcessEnv): boolean {
	const noColor = environment.NO_COLOR;
	return noColor === undefined || noColor === '';
}

/** The one switch for colours on screen; every styled line goes through `lineToAnsi`. */
export function setColorOutput(enabled: boolean): void {
	colorOutput = enabled;
}

export function colorOutputEnabled(): boolean {
	return colorOutput;
}

function isPlainBlank(segment: Line[number]): boolean {
	return !segment.inverse && segment.text.trim() === '';
}

/**
 * A line as terminal text: each styled segment wrapped in its SGR codes and a reset. Plain text
 * stays plain. Unknown colour names are ignored rather than breaking the line.
 */
export function lineToAnsi(line: Line): string {
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

		const color = segment.color === undefined || !colorOutput ? undefined : colorCodes[segment.color];
		if (color !== undefined) {
			codes.push(color);
		}

		text += codes.length === 0 ? segment.text : `\u001B[${codes.join(';')}m${segment.text}\u001B[0m`;
	}

	return text;
}
