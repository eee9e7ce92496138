import {Box} from 'ink';
import {helpLines} from './help-lines.js';
import {ScreenLines} from './screen-line.js';

type Props = {
	readonly width: number;
	readonly height: number;
	/** The log file (live) or the recording (replay), last in the help. */
	readonly location?: {readonly label: string; readonly path: string};
	/** First line shown (the help scrolls). */
	readonly scroll?: number;
};

/** Every key, in place of the table (`?`, `h` or F1 toggles it). */
export function HelpOverlay({width, height, location, scroll = 0}: Props) {
	return (
		<Box flexDirection="column" height={Math.max(0, height)} overflowY="hidden">
			<ScreenLines prefix="help" lines={helpLines(width, height, location, scroll)} />
		</Box>
	);
}
