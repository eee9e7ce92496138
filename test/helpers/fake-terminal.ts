import {EventEmitter} from 'node:events';

/*
 * A terminal for runUi without a pty: what Ink writes is kept as text, keys are typed by the test.
 * The pty tests (helpers/pty.ts) cover the real terminal; these are for in-process checks.
 */

/** A terminal's output side, as far as Ink and the UI use it. */
export class FakeTerminal extends EventEmitter {
	isTTY = true;
	output = '';
	constructor(public columns: number, public rows: number) {
		super();
	}

	write(data: string, callback?: () => void): boolean {
		this.output += data;
		callback?.();
		return true;
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

/** A terminal's input side; records raw mode so the test can see it restored. */
export class FakeKeyboard extends EventEmitter {
	isTTY = true;
	rawMode = false;
	private pending: string | null = null;
	setRawMode(enabled: boolean): this {
		this.rawMode = enabled;
		return this;
	}

	setEncoding(): this {
		return this;
	}

	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}

	resume(): this {
		return this;
	}

	pause(): this {
		return this;
	}

	read(): string | null {
		const data = this.pending;
		this.pending = null;
		return data;
	}

	type(data: string): void {
		this.pending = data;
		this.emit('readable');
	}
}

// eslint-disable-next-line no-control-regex -- ESC starts a terminal's escape sequences
export const plain = (text: string) => text.replaceAll(/\u001B\[[\d;?]*[a-zA-Z]/g, '');

export async function until(check: () => boolean, what: string): Promise<void> {
	const end = Date.now() + 5000;
	while (!check()) {
		if (Date.now() > end) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}
}
