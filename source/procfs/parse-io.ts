/** Cumulative I/O counters from /proc/PID/io. */
export type IoCounters = {
	/** read-like syscalls */
	readonly syscr: number;
	/** write-like syscalls */
	readonly syscw: number;
	/** bytes fetched from storage */
	readonly readBytes: number;
	/** bytes sent to storage */
	readonly writeBytes: number;
};

export function parseIo(text: string): IoCounters | undefined {
	const values = new Map<string, number>();
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) {
			values.set(line.slice(0, colon), Number(line.slice(colon + 1)));
		}
	}

	const syscr = values.get('syscr');
	const syscw = values.get('syscw');
	const readBytes = values.get('read_bytes');
	const writeBytes = values.get('write_bytes');
	if (syscr === undefined || syscw === undefined || readBytes === undefined || writeBytes === undefined) {
		return undefined;
	}

	return {syscr, syscw, readBytes, writeBytes};
}
