import {main} from './main.js';
import {toolVersion} from './tool-version.js';
import type {SessionHooks} from '../session/session.js';

/**
 * The process around `main`: last-resort error line, React's production build, explicit exit.
 * `hooks` come only from the test entry (test/helpers/cli-entry.mjs); the installed CLI passes none.
 */
export async function runCli(argv: readonly string[], hooks: SessionHooks = {}): Promise<never> {
	const version = toolVersion();

	// Last resort: whatever went wrong, one line and a non-zero status, never a stack trace on screen.
	process.on('uncaughtException', (error: Error) => {
		// The cursor is shown again only on a terminal: a redirected stderr gets no escape codes.
		const showCursor = process.stderr.isTTY ? '\u001B[?25h' : '';
		process.stderr.write(`${showCursor}wazuh-metrics: unexpected error: ${error.message.split('\n')[0]!}\n`);
		process.exit(1);
	});

	// React (under Ink) chooses its build when it is first loaded, and its development build makes
	// every frame slower (checks, dev-only logging). The screen is imported lazily by main, after this.
	process.env.NODE_ENV ??= 'production';

	const code = await main(argv, version, process, hooks);
	// Exit explicitly: a stdin left in raw mode or a pending timer must not keep a finished run alive.
	process.exit(code);
}
