/**
 * Makes a fleet process die with its parent, even when the parent is SIGKILLed: stdin is a pipe from
 * the parent, so it reaches EOF when the parent goes away; a ppid poll backs that up in case stdin
 * was not a pipe after all.
 */
export function exitWithParent(onParentGone: () => void): void {
	const parent = process.ppid;
	let gone = false;
	const fire = () => {
		if (!gone) {
			gone = true;
			onParentGone();
		}
	};

	process.stdin.on('end', fire);
	process.stdin.on('close', fire);
	process.stdin.on('error', fire);
	process.stdin.resume();
	setInterval(() => {
		if (process.ppid !== parent) {
			fire();
		}
	}, 500);
}

/** Termination requests run the same clean-up as a lost parent instead of dying on the spot. */
export function onTerminate(handler: () => void): void {
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
		process.on(signal, handler);
	}
}
