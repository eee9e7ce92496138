export type TerminalSize = {readonly columns: number; readonly rows: number};

/** What a terminal without a size (a pipe in tests) is taken to be. */
const fallbackSize: TerminalSize = {columns: 80, rows: 24};

/**
 * The terminal's size as an external store for `useSyncExternalStore`. Ink 6.8 lays out again on
 * resize but does not re-render components, so the screen re-computes its layout from this.
 * It listens before Ink does (prependListener), so the frame for the new size is drawn first.
 */
export class TerminalSizeStore {
	private size: TerminalSize;
	private readonly listeners = new Set<() => void>();

	constructor(private readonly stdout: NodeJS.WriteStream) {
		this.size = TerminalSizeStore.read(stdout);
	}

	static read(stdout: NodeJS.WriteStream): TerminalSize {
		return {columns: stdout.columns || fallbackSize.columns, rows: stdout.rows || fallbackSize.rows};
	}

	start(): () => void {
		const onResize = () => {
			const next = TerminalSizeStore.read(this.stdout);
			if (next.columns !== this.size.columns || next.rows !== this.size.rows) {
				this.size = next;
				for (const listener of this.listeners) {
					listener();
				}
			}
		};

		this.stdout.prependListener('resize', onResize);
		return () => {
			this.stdout.off('resize', onResize);
		};
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	readonly getSnapshot = (): TerminalSize => this.size;
}
