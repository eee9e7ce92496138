import {Text} from 'ink';
import {Component, type ReactNode} from 'react';
import type {ScreenStyle} from './terminal-style.js';

type Props = {
	readonly onCrash: (error: Error) => void;
	/** The terminal's colours and characters, for the one line shown when the display fails. */
	readonly style: ScreenStyle;
	readonly children: ReactNode;
};

type State = {readonly failed: boolean};

/**
 * Catches a rendering error anywhere below, so a bug in one view ends the session cleanly (the
 * terminal restored, the CSVs flushed by the caller) instead of leaving a half-drawn screen.
 */
export class ErrorBoundary extends Component<Props, State> {
	static getDerivedStateFromError(): State {
		return {failed: true};
	}

	override state: State = {failed: false};

	override componentDidCatch(error: Error): void {
		this.props.onCrash(error);
	}

	override render(): ReactNode {
		const {colors, glyphs} = this.props.style;
		return this.state.failed ? <Text color={colors === 'none' ? undefined : 'red'}>{glyphs.text('the display failed; stopping…')}</Text> : this.props.children;
	}
}
