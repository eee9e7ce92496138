/** /proc/PID/cmdline is argv joined by NUL bytes, usually with a trailing NUL. */
export function parseCmdline(text: string): string[] {
	if (text.length === 0) {
		return [];
	}

	const argv = text.split('\0');
	if (argv.at(-1) === '') {
		argv.pop();
	}

	return argv;
}
