/** The fields of /proc/PID/status that explain permission problems. */
export type ProcStatus = {
	/** Real user id. */
	readonly uid: number;
	readonly name: string;
	/** Resident set size in bytes; absent for kernel threads. */
	readonly vmRss: number | undefined;
	/** Swapped-out anonymous memory in bytes. */
	readonly vmSwap: number | undefined;
};

const kilobytes = (line: string, key: string): number => Number.parseInt(line.slice(key.length), 10) * 1024;

/** Parses /proc/PID/status. `Name:` escapes newlines and backslashes; they are unescaped here. */
export function parseStatus(text: string): ProcStatus | undefined {
	let uid: number | undefined;
	let name: string | undefined;
	let vmRss: number | undefined;
	let vmSwap: number | undefined;
	for (const line of text.split('\n')) {
		if (line.startsWith('Uid:')) {
			uid = Number(line.slice(4).trim().split(/\s+/)[0]);
		} else if (line.startsWith('VmRSS:')) {
			vmRss = kilobytes(line, 'VmRSS:');
		} else if (line.startsWith('VmSwap:')) {
			vmSwap = kilobytes(line, 'VmSwap:');
		} else if (line.startsWith('Name:')) {
			name = line.slice(5).replace(/^\t/, '').replaceAll(/\\(n|\\)/g, (_match, escaped: string) => (escaped === 'n' ? '\n' : '\\'));
		}
	}

	return uid === undefined || name === undefined || !Number.isFinite(uid) ? undefined : {uid, name, vmRss, vmSwap};
}
