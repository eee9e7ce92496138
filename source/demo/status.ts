import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';

/** What a fake reports about itself, so tests can compare /proc with what it really did. */
export type FakeStatus = {
	pid: number;
	/** Process name as the fake sees it (argv[0] basename, or the script's basename). */
	name: string;
	/** Extra fds held open right now (on top of node's own). */
	extraFds: number;
	/** Cumulative bytes written and synced to the fake's data file. */
	bytesWritten: number;
	/** Extra memory allocated and touched (start + growth). */
	memoryBytes: number;
	/** Pids of the long-lived children. */
	children: number[];
};

export const statusPath = (dir: string, pid: number) => path.join(dir, 'status', `${pid}.json`);

/**
 * The status file is rewritten in place at a fixed size, and only when something changed, so a
 * status update rarely dirties a new page: it would otherwise show up in the fake's write_bytes.
 */
export class StatusFile {
	readonly #fd: number;
	readonly #path: string;
	#last = '';

	constructor(dir: string, pid: number) {
		this.#path = statusPath(dir, pid);
		this.#fd = fs.openSync(this.#path, 'w');
	}

	/** On a clean exit: short-lived children would otherwise leave one file each, forever. */
	remove(): void {
		fs.rmSync(this.#path, {force: true});
	}

	write(status: FakeStatus): void {
		const text = JSON.stringify(status);
		if (text === this.#last) {
			return;
		}

		this.#last = text;
		// Padding with spaces keeps the JSON valid when it gets shorter than the previous one.
		const size = Math.ceil((text.length + 1) / 1024) * 1024;
		const buffer = Buffer.alloc(size, ' ');
		buffer.write(text);
		try {
			fs.writeSync(this.#fd, buffer, 0, size, 0);
		} catch {
			// The fleet dir may be going away during shutdown.
		}
	}
}

/** Reads a fake's last status, or undefined if that pid never wrote one. */
export async function readStatus(dir: string, pid: number): Promise<FakeStatus | undefined> {
	for (let attempt = 0; attempt < 3; attempt++) {
		let text: string;
		try {
			text = await fs.promises.readFile(statusPath(dir, pid), 'utf8');
		} catch {
			return undefined;
		}

		try {
			return JSON.parse(text) as FakeStatus;
		} catch {
			// Caught mid-rewrite (or before the first write); try again shortly.
			await sleep(20);
		}
	}

	return undefined;
}
