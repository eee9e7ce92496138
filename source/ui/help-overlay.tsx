import {Box} from 'ink';
import {helpLines} from './help-lines.js';
import {ScreenLines} from './screen-line.js';

/** Every key, in place of the table (`?` toggles it). */
export function HelpOverlay({width, height, logFile}: {readonly width: number; readonly height: number; readonly logFile: string}) {
	return (
		<Box flexDirection="column" height={Math.max(0, height)} overflowY="hidden">
			<ScreenLines prefix="help" lines={helpLines(width, height, logFile)} />
		</Box>
	);
}
