import {Box} from 'ink';
import {detailLines, type DetailInput} from './detail-layout.js';
import {ScreenLines} from './screen-line.js';

/** Charts of one process over the history window (Enter on a row; Esc goes back). */
export function DetailView(props: DetailInput) {
	return (
		<Box flexDirection="column" height={Math.max(0, props.height)} overflowY="hidden">
			<ScreenLines prefix="detail" lines={detailLines(props)} />
		</Box>
	);
}
