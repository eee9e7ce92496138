import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import type {SessionHooks} from '../../source/session/session.js';
import {trackChild, untrackChild} from './children.js';
import {cliCommand, cliEnvironment} from './cli.js';

/** Without the variables a test removed (set to undefined): node-pty takes strings only. */
function definedOnly(environment: NodeJS.ProcessEnv): Record<string, string> {
	return Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * The real program in a real pseudo-terminal, with @xterm/headless as the screen: what a user over
 * SSH would see, plus every byte the program wrote (to look for escape sequences).
 */
export class PtyScreen {
	readonly terminal: xterm.Terminal;
	readonly exited: Promise<{exitCode: number; signal: number | undefined}>;
	/** Everything written by the program, escape sequences included. */
	output = '';
	private lastDataAt = Date.now();
	private readonly process: pty.IPty;

	/**
	 * `launch` runs another program instead of the CLI's test entry (the single-file builds), with
	 * exactly the environment given (plus TERM): no test hook, no variable of the test's own.
	 */
	constructor(args: readonly string[], size: {columns: number; rows: number}, environment: NodeJS.ProcessEnv = {}, hooks: SessionHooks = {}, launch?: {command: string; env: Record<string, string>; cwd?: string}) {
		this.terminal = new xterm.Terminal({cols: size.columns, rows: size.rows, allowProposedApi: true, scrollback: 1000});
		this.process = pty.spawn(launch?.command ?? process.execPath, launch === undefined ? cliCommand(args, hooks) : [...args], {
			// node-pty sets TERM to this name, over the environment's: a test's TERM goes here.
			name: launch === undefined ? environment.TERM ?? 'xterm-256color' : 'xterm-256color',
			cols: size.columns,
			rows: size.rows,
			cwd: launch?.cwd ?? process.cwd(),
			env: launch === undefined
				? definedOnly(cliEnvironment({TERM: 'xterm-256color', ...environment}))
				: {...launch.env, TERM: 'xterm-256color'},
		});
		trackChild(this.process.pid);
		this.process.onData(data => {
			this.output += data;
			this.lastDataAt = Date.now();
			this.terminal.write(data);
		});
		this.exited = new Promise(resolve => {
			this.process.onExit(({exitCode, signal}) => {
				untrackChild(this.process.pid);
				// node-pty may report the exit before the last bytes the program wrote have been
				// delivered: resolve once the output has been quiet for a moment.
				const drained = (): void => {
					if (Date.now() - this.lastDataAt >= 300) {
						resolve({exitCode, signal});
					} else {
						setTimeout(drained, 50);
					}
				};

				drained();
			});
		});
	}

	get pid(): number {
		return this.process.pid;
	}

	/** Lets xterm finish parsing what was received so far. */
	async settle(): Promise<void> {
		await new Promise<void>(resolve => {
			this.terminal.write('', resolve);
		});
	}

	/** The visible screen, one string per row, trailing blanks trimmed. */
	async screen(): Promise<string[]> {
		await this.settle();
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.terminal.rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}

		return lines;
	}

	/** Rows of the visible screen that the terminal wrapped from the row above (a line that was too long). */
	async wrappedRows(): Promise<number[]> {
		await this.settle();
		const buffer = this.terminal.buffer.active;
		const wrapped: number[] = [];
		for (let y = 0; y < this.terminal.rows; y++) {
			if (buffer.getLine(buffer.viewportY + y)?.isWrapped) {
				wrapped.push(y);
			}
		}

		return wrapped;
	}

	/**
	 * Polls the screen until `check` returns something, or fails with the last screen. The ceiling is
	 * generous: it only bounds a run that is broken, a busy machine must never reach it.
	 */
	async waitForScreen<T>(check: (lines: string[]) => T | undefined, what: string, timeoutMs = 90_000): Promise<T> {
		const end = Date.now() + timeoutMs;
		for (;;) {
			const lines = await this.screen();
			const value = check(lines);
			if (value !== undefined) {
				return value;
			}

			if (Date.now() > end) {
				throw new Error(`timed out waiting for ${what}; screen:\n${lines.join('\n')}`);
			}

			await new Promise(resolve => {
				setTimeout(resolve, 100);
			});
		}
	}

	write(keys: string): void {
		this.process.write(keys);
	}

	/** Resizes the terminal model and the pty (which sends SIGWINCH to the program). */
	resize(columns: number, rows: number): void {
		this.terminal.resize(columns, rows);
		this.process.resize(columns, rows);
	}

	kill(signal = 'SIGKILL'): void {
		try {
			this.process.kill(signal);
		} catch {
			// Already gone.
		}
	}
}

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	ctrlC: '\u0003',
} as const;
