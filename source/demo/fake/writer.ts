import fs from 'node:fs';
import path from 'node:path';
import type {Counters, Publish} from './counters.js';

const page = 4096;
const stepMs = 250;
/** The data file starts over past this size, so a long demo does not fill the disk. */
const maxFileBytes = 64 * 1024 * 1024;
const maxChunk = 4 * 1024 * 1024;

function logText(bytes: number, name: string): Buffer {
	const line = `${name}: INFO: simulated event for the wazuh-metrics demo\n`;
	return Buffer.alloc(bytes, line);
}

/**
 * Appends `bytesPerSec` to `<dir>/logs/<name>.log` in whole pages and syncs after each write: each
 * write then dirties exactly the pages it covers, so /proc/PID/io write_bytes grows by about the
 * bytes written. Several processes of one daemon may share the file (O_APPEND keeps them apart).
 */
export function writeSteadily(bytesPerSec: number | undefined, dir: string, name: string, counters: Counters, publish: Publish): void {
	if (!bytesPerSec || !(bytesPerSec > 0)) {
		return;
	}

	const fd = fs.openSync(path.join(dir, 'logs', `${name.replace(/\.py$/, '')}.log`), 'a');
	let buffer = logText(page, name);
	let owed = 0;
	setInterval(() => {
		owed += (bytesPerSec * stepMs) / 1000;
		const bytes = Math.min(Math.floor(owed / page) * page, maxChunk);
		if (bytes === 0) {
			return;
		}

		if (buffer.length < bytes) {
			buffer = logText(bytes, name);
		}

		try {
			if (fs.fstatSync(fd).size > maxFileBytes) {
				fs.ftruncateSync(fd, 0);
			}

			const written = fs.writeSync(fd, buffer, 0, bytes);
			fs.fdatasyncSync(fd);
			owed -= written;
			counters.bytesWritten += written;
			publish();
		} catch {
			// Disk full or the fleet dir going away: try again next time.
			owed = Math.min(owed, bytesPerSec);
		}
	}, stepMs);
}
