import {format} from 'node:util';
import type {Notice} from '../model/feed.js';

const methods = {log: 'info', info: 'info', debug: 'info', warn: 'warn', error: 'error'} as const;

/**
 * While the screen is up, anything printed with console.* (by a dependency, or React reporting an
 * error) would land in the middle of the frame; it becomes a notice in the header instead.
 * Returns the function that puts the console back.
 */
export function captureConsole(onNotice: (notice: Notice) => void): () => void {
	const originals = new Map<keyof typeof methods, (...args: unknown[]) => void>();
	for (const [method, level] of Object.entries(methods) as Array<[keyof typeof methods, Notice['level']]>) {
		// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back where it was
		originals.set(method, console[method]);
		console[method] = (...args: unknown[]) => {
			const message = format(...args).split('\n')[0] ?? '';
			onNotice({kind: 'console-output', level, message});
		};
	}

	return () => {
		for (const [method, original] of originals) {
			console[method] = original;
		}
	};
}
