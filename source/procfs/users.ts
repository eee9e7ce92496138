import {readOnce} from './read-buffer.js';

/** `name:x:uid:gid:...` lines of /etc/passwd -> uid to name (the first name of a uid wins, as in getpwuid). */
export function parsePasswd(text: string): Map<number, string> {
	const names = new Map<number, string>();
	for (const line of text.split('\n')) {
		const [name, , uid] = line.split(':');
		const id = Number(uid);
		if (name && uid !== undefined && uid !== '' && Number.isInteger(id) && !names.has(id)) {
			names.set(id, name);
		}
	}

	return names;
}

/**
 * User names for the detail view, read by the collector (the screen does no I/O). /etc/passwd is
 * read at most once a minute: a service user added while we run still gets its name.
 */
export class UserNames {
	private names = new Map<number, string>();
	private readAt = Number.NEGATIVE_INFINITY;

	constructor(private readonly file = '/etc/passwd', private readonly now: () => number = Date.now) {}

	nameOf(uid: number): string {
		if (!this.names.has(uid) && this.now() - this.readAt >= 60_000) {
			this.readAt = this.now();
			try {
				this.names = parsePasswd(readOnce(this.file, 'utf8'));
			} catch {
				// Unreadable: the uid is shown instead.
			}
		}

		return this.names.get(uid) ?? String(uid);
	}
}
