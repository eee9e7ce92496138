import {Box} from 'ink';
import {type HelpContext, helpLines} from './help-lines.js';
import {ScreenLines} from './screen-line.js';

type Props = {
	readonly width: number;
	readonly height: number;
	/** Where the log is, the mode whose keys are listed, the terminal's characters. */
	readonly context: HelpContext;
	/** First line shown (the help scrolls). */
	readonly scroll?: number;
};

/** Every key, in place of the table (`?`, `h` or F1 toggles it). */
export function HelpOverlay({width, height, context, scroll = 0}: Props) {
	return (
		<Box flexDirection="column" height={Math.max(0, height)} overflowY="hidden">
			<ScreenLines prefix="help" lines={helpLines(width, height, context, scroll)} />
		</Box>
	);
}
