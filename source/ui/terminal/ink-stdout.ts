const listenerMethods = new Set<PropertyKey>(['on', 'addListener', 'prependListener', 'once', 'prependOnceListener', 'off', 'removeListener']);

/**
 * The stdout handed to Ink: the real one, minus two things that make Ink 6.8 misbehave on a
 * terminal that changes size.
 *
 * - No `rows`. Ink clears the whole terminal, scrollback included (`\x1b[2J\x1b[3J`), whenever the
 *   previous frame was at least as tall as the terminal is now. The frame is kept one row shorter
 *   than the terminal, but after a shrinking resize the previous frame is necessarily taller than
 *   the new height, so each one would wipe the user's scrollback. Without `rows`, Ink always takes
 *   its normal path: erase the previous frame's lines, write the new one.
 * - No `resize` listeners. On resize Ink redraws the tree it has, laid out for the old size, before
 *   the components re-render for the new one: a frame as tall as the old terminal on the smaller one,
 *   scrolling part of it into the scrollback. The screen re-renders on resize itself
 *   (TerminalSizeStore) and Ink lays out every commit at the current width anyway.
 */
export function inkStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'rows') {
				return undefined;
			}

			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') {
				return value;
			}

			const method = value as (...args: unknown[]) => unknown;
			if (listenerMethods.has(property)) {
				return (event: unknown, ...rest: unknown[]) => (event === 'resize' ? target : method.call(target, event, ...rest));
			}

			// Methods run on the real stream, so listeners and internal state live there.
			return method.bind(target);
		},
	});
}
