/**
 * Part 6: a directory of 100,000 files. How long a walk takes, and whether sampling processes
 * every 100 ms keeps its schedule while the disk tracker walks it again and again (walks run in a
 * worker thread; a tick that is late or skipped shows up as a deviation from start + n x interval).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {directorySize} from '../../source/collect/directory-size.js';
import {DiskUsageTracker} from '../../source/collect/disk-usage-tracker.js';
import {Monitor} from '../../source/collect/monitor.js';
import {removeAtExit, removeNow} from '../cleanup.js';
import type {Fleet} from '../fleet/fleet.js';
import {median, sleep} from '../stats.js';

export type Jitter = {readonly ticks: number; readonly maxMs: number; readonly p99Ms: number};

export type HugeDirResult = {
	readonly files: number;
	readonly createMs: number;
	/** The walk itself on the main thread (directorySize), first run and median of the next. */
	readonly walkFirstMs: number;
	readonly walkMedianMs: number;
	/** From tracker.start() to the first snapshot that has the directory's size (worker start included). */
	readonly trackerFirstSizeMs: number | undefined;
	readonly baseline: Jitter;
	readonly duringWalk: Jitter;
	readonly sizeMatches: boolean;
};

export type HugeDirSettings = {readonly files: number; readonly jitterSeconds: number};

/** `files` files of 0-199 bytes, 1,000 per directory, two levels deep. */
function buildTree(root: string, files: number): number {
	const perDirectory = 1000;
	let bytes = 0;
	for (let index = 0; index < files; index++) {
		const dir = path.join(root, `d${Math.floor(index / (perDirectory * 10)) % 100}`, `e${Math.floor(index / perDirectory) % 10}`);
		if (index % perDirectory === 0) {
			fs.mkdirSync(dir, {recursive: true});
		}

		const size = index % 200;
		fs.writeFileSync(path.join(dir, `f${index}`), Buffer.alloc(size, 97));
		bytes += size;
	}

	return bytes;
}

async function jitter(fleet: Fleet, seconds: number, tracker: DiskUsageTracker | undefined): Promise<Jitter> {
	const intervalMs = 100;
	const monitor = new Monitor({daemons: fleet.names, interval: intervalMs / 1000, allowedRoots: fleet.roots});
	const deviations: number[] = [];
	let origin = 0;
	const done = new Promise<void>(resolve => {
		monitor.on('snapshot', snapshot => {
			// Tick n is due at origin + n x interval; a skipped slot makes every later tick a slot late.
			deviations.push(Math.abs(snapshot.time - (origin + (snapshot.tick * intervalMs))));
			if (snapshot.tick * intervalMs >= seconds * 1000) {
				resolve();
			}
		});
	});
	tracker?.start();
	monitor.start();
	origin = Date.now();
	await done;
	await monitor.stop();
	const sorted = [...deviations].sort((a, b) => a - b);
	return {ticks: deviations.length, maxMs: sorted.at(-1) ?? Number.NaN, p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN};
}

export async function measureHugeDir(fleet: Fleet, settings: HugeDirSettings): Promise<HugeDirResult> {
	const root = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-tree-')));
	try {
		let start = performance.now();
		const bytes = buildTree(root, settings.files);
		const createMs = performance.now() - start;

		// Jitter first, while this thread's heap holds nothing of a walk (the timing walks below run here).
		const baseline = await jitter(fleet, settings.jitterSeconds / 2, undefined);
		const tracker = new DiskUsageTracker({paths: [root], interval: 0.1});
		let trackerStart = 0;
		const firstSize = new Promise<number>(resolve => {
			tracker.on('snapshot', snapshot => {
				if (snapshot.samples[0]?.size !== undefined) {
					resolve(performance.now() - trackerStart);
				}
			});
		});
		trackerStart = performance.now();
		const duringWalk = await jitter(fleet, settings.jitterSeconds, tracker);
		const trackerFirstSizeMs = await Promise.race([firstSize, sleep(1).then(() => undefined)]);
		await tracker.stop();

		const walks: number[] = [];
		let sizeMatches = true;
		for (let run = 0; run < 4; run++) {
			start = performance.now();
			const size = directorySize(root);
			walks.push(performance.now() - start);
			sizeMatches &&= size.bytes === bytes && size.files === settings.files;
		}

		return {
			files: settings.files,
			createMs,
			walkFirstMs: walks[0]!,
			walkMedianMs: median(walks.slice(1)),
			trackerFirstSizeMs,
			baseline,
			duringWalk,
			sizeMatches,
		};
	} finally {
		removeNow(root);
	}
}
