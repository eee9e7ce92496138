import fs from 'node:fs';
import type {Counters, Publish} from './counters.js';

const open: number[] = [];

function setCount(target: number, counters: Counters): void {
	while (open.length < target) {
		open.push(fs.openSync('/dev/null', 'r'));
	}

	while (open.length > target) {
		const fd = open.pop();
		if (fd !== undefined) {
			fs.closeSync(fd);
		}
	}

	counters.extraFds = open.length;
}

/** Holds `fds` extra descriptors; with churn, re-draws the count within fds +- churn every second. */
export function holdFds(fds: number | undefined, churn: number | undefined, counters: Counters, publish: Publish): void {
	const base = Math.max(0, Math.round(fds ?? 0));
	setCount(base, counters);
	const spread = Math.max(0, Math.round(churn ?? 0));
	if (spread === 0) {
		return;
	}

	setInterval(() => {
		const offset = Math.floor(Math.random() * ((2 * spread) + 1)) - spread;
		setCount(Math.max(0, base + offset), counters);
		publish();
	}, 1000);
}
