import fs from 'node:fs';
import path from 'node:path';
import {errorCode} from './errors.js';

/**
 * `mkdir -p`. Not `fs.mkdirSync(…, {recursive: true})`: on Node 20 that spins forever where mkdir
 * fails with ENOENT under an existing parent (any path below /proc), and a user can pass such a
 * folder. Here each missing folder is created once, and any failure is thrown as it is.
 */
export function makeFolder(folder: string): void {
	const missing: string[] = [];
	let current = path.resolve(folder);
	for (;;) {
		let stats: fs.Stats;
		try {
			stats = fs.statSync(current);
		} catch (error) {
			const parent = path.dirname(current);
			if (errorCode(error) !== 'ENOENT' || parent === current) {
				throw error;
			}

			missing.push(current);
			current = parent;
			continue;
		}

		if (!stats.isDirectory()) {
			throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${current}'`), {
				code: 'ENOTDIR',
				path: current,
			});
		}

		break;
	}

	for (const entry of missing.reverse()) {
		try {
			fs.mkdirSync(entry);
		} catch (error) {
			// Another process (a second run, the logger) may have created it in between.
			if (errorCode(error) !== 'EEXIST' || !fs.statSync(entry).isDirectory()) {
				throw error;
			}
		}
	}
}
