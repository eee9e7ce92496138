import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmpfsMagic = 0x01_02_19_94;

function isDiskBacked(folder: string): boolean {
	try {
		fs.accessSync(folder, fs.constants.W_OK);
		return fs.statfsSync(folder).type !== tmpfsMagic;
	} catch {
		return false;
	}
}

/**
 * A fresh fleet dir. It must be on a disk filesystem: on tmpfs, written bytes never reach storage
 * and /proc/PID/io write_bytes stays 0, which would make the demo's disk columns dead.
 */
export function makeFleetDir(): string {
	const candidates = [os.tmpdir(), '/var/tmp', process.cwd()];
	const base = candidates.find(folder => isDiskBacked(folder)) ?? os.tmpdir();
	// Every fake's command line names a file in here: the name must not look like a Wazuh daemon's.
	return fs.mkdtempSync(path.join(base, 'wm-demo-'));
}

/** A caller-chosen dir is created if missing and must be empty: stop() removes it. */
export function prepareGivenDir(dir: string): string {
	const absolute = path.resolve(dir);
	fs.mkdirSync(absolute, {recursive: true});
	if (fs.readdirSync(absolute).length > 0) {
		throw new Error(`Fleet dir ${absolute} is not empty`);
	}

	return absolute;
}
