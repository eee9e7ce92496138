/** The fields of /proc/PID/status that explain permission problems. */
export type ProcStatus = {
	/** Real user id. */
	readonly uid: number;
	readonly name: string;
};

/** Parses /proc/PID/status. `Name:` escapes newlines and backslashes; they are unescaped here. */
export function parseStatus(text: string): ProcStatus | undefined {
	let uid: number | undefined;
	let name: string | undefined;
	for (const line of text.split('\n')) {
		if (line.startsWith('Uid:')) {
			uid = Number(line.slice(4).trim().split(/\s+/)[0]);
		} else if (line.startsWith('Name:')) {
			name = line.slice(5).replace(/^\t/, '').replaceAll(/\\(n|\\)/g, (_match, escaped: string) => (escaped === 'n' ? '\n' : '\\'));
		}
	}

	return uid === undefined || name === undefined || !Number.isFinite(uid) ? undefined : {uid, name};
}
