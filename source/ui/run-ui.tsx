// First: Ink must not see CI variables when it loads.
import './terminal/ink-outside-ci.js';
import {render} from 'ink';
import type {SessionInfo} from '../model/feed.js';
import type {HistoryStore} from '../model/history-store.js';
import {App, type ReplayControl} from './app.js';
import {captureConsole} from './console-capture.js';
import {ErrorBoundary} from './error-boundary.js';
import {InjectedFault} from './injected-fault.js';
import {installFrameShortcut} from './terminal/ink-frame-shortcut.js';
import {inkStdout} from './terminal/ink-stdout.js';
import {TerminalSizeStore} from './terminal-size.js';
import {defaultTerminalStyle, ScreenStyleContext, screenStyleOf, type TerminalStyle} from './terminal-style.js';

/**
 * Before the first frame; a no-op (frames as Ink composes them) if Ink's internals have changed.
 * Whether it is in place is logged by the session (and checked in the single-file build's tests).
 */
export const frameShortcut = await installFrameShortcut();

export type RunUiOptions = {
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
	/**
	 * Called once when rendering fails, after the screen is unmounted (raw mode off, cursor shown).
	 * Without it, `exited` rejects with the error.
	 */
	readonly onCrash?: (error: Error) => void;
	/** Test hook: a component throws once this tick is shown (see injected-fault.tsx). */
	readonly faultAfterTick?: number;
	/** Replay's keys (the cursor's moves); the live view has none. */
	readonly replay?: ReplayControl;
	/** Live: told which process's threads the detail view shows (see App). */
	readonly onThreadFocus?: (pid: number | undefined) => void;
	/**
	 * The terminal's character set and colours, decided by the caller from the locale, TERM and
	 * NO_COLOR (source/session/terminal.ts): the screen reads no environment variable.
	 */
	readonly style?: TerminalStyle;
};

export type RunningUi = {
	/** Resolves when the user quits (q or Ctrl-C); the screen is already unmounted then. */
	readonly exited: Promise<void>;
	/** Restores the terminal. Idempotent. */
	unmount(): void;
};

/**
 * Starts the screen on a terminal over a model: the history store, filled by its source (the live
 * session's feed, or replay's cursor) and the facts about it. The only input is the store; the only
 * output is the frame (no files, no /proc). The caller stops the session when `exited` resolves or
 * after `onCrash`, and calls `unmount` on its own exit paths (signals).
 */
export function runUi(store: HistoryStore, info: SessionInfo, options: RunUiOptions = {}): RunningUi {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const style = screenStyleOf(options.style ?? defaultTerminalStyle);
	const size = new TerminalSizeStore(stdout);
	const stopResize = size.start();
	const restoreConsole = captureConsole(notice => {
		store.addNotice(notice);
	});

	let resolveExit: () => void = () => undefined;
	let rejectExit: (error: Error) => void = () => undefined;
	const exited = new Promise<void>((resolve, reject) => {
		resolveExit = resolve;
		rejectExit = reject;
	});

	let mounted = true;
	// Assigned right below; the callbacks only run once the tree is mounted.
	let instance: ReturnType<typeof render> | undefined;
	const unmount = () => {
		if (!mounted) {
			return;
		}

		mounted = false;
		stopResize();
		instance?.unmount();
		// Ink leaves it as it found it only if its own effect ran; this module turned it on first.
		if (stdin.isTTY) {
			stdin.setRawMode(false);
		}

		restoreConsole();
	};

	// Ctrl-L, as in htop and less: the whole terminal is cleared (whatever else wrote on it goes) and
	// the cursor put top left; the App then renders a frame Ink sees as changed, which Ink writes whole
	// from there (its erase of the previous lines only clears the top row again). Only on the user's
	// demand: Ink's own clearing is avoided (screen-layout.ts).
	const redraw = () => {
		stdout.write('\u001B[2J\u001B[H');
	};

	// The session ends once, by a quit or by a crash, whichever comes first.
	let ended = false;
	const quit = () => {
		if (ended) {
			return;
		}

		ended = true;
		unmount();
		resolveExit();
	};

	const crash = (error: Error) => {
		if (ended) {
			return;
		}

		ended = true;
		unmount();
		if (options.onCrash) {
			options.onCrash(error);
		} else {
			rejectExit(error);
		}
	};

	// Raw mode before the first frame: Ink turns it on in an effect, after that frame is out, and a
	// key typed in between met a terminal in line mode (Enter arrived as "\n", not read as Enter;
	// other keys echoed over the frame). The first frame can already hold the table: the history
	// fills while Ink loads, and replay has its recording. `unmount` turns it off.
	if (stdin.isTTY) {
		stdin.setRawMode(true);
	}

	instance = render(
		<ScreenStyleContext value={style}>
		<ErrorBoundary style={style} onCrash={error => {
			// After React has finished the commit that caught it.
			setImmediate(() => {
				crash(error);
			});
		}}
		>
			<App store={store} info={info} size={size} onQuit={quit} onRedraw={redraw} replay={options.replay} onThreadFocus={options.onThreadFocus} />
			{options.faultAfterTick === undefined ? null : <InjectedFault store={store} afterTick={options.faultAfterTick} />}
		</ErrorBoundary>
		</ScreenStyleContext>,
		{
			stdout: inkStdout(stdout),
			stdin,
			exitOnCtrlC: false,
			// Console output is captured into notices above; Ink's patch would print it over the frame.
			patchConsole: false,
			incrementalRendering: false,
		},
	);
	// An error that escapes the boundary (in the boundary itself) makes Ink end the app with it.
	instance.waitUntilExit().catch((error: unknown) => {
		crash(error instanceof Error ? error : new Error(String(error)));
	});

	return {exited, unmount};
}
