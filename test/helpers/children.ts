/**
 * Every process a test file starts directly (the CLI, in a pipe or a pty) is recorded here and
 * SIGKILLed when the worker exits, whatever the way: a test that failed or timed out before its
 * teardown ran must not leave a CLI behind. (A worker killed with -9 runs nothing: then the CLI's own
 * lifeline in cli-entry.mjs ends it, and test/run-suite.mjs checks that nothing is left.)
 */
const started = new Set<number>();

export function trackChild(pid: number | undefined): void {
	if (pid !== undefined) {
		started.add(pid);
	}
}

/** Once the child has been reaped: its PID may be reused by a process that is none of ours. */
export function untrackChild(pid: number | undefined): void {
	if (pid !== undefined) {
		started.delete(pid);
	}
}

process.once('exit', () => {
	for (const pid of started) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone already.
		}
	}
});
