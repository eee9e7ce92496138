import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';

/*
 * Test-only: a fake's status file is the suite's oracle of what the fake really did; the product
 * never reads it (the fake only uses its presence to tell that a worker is ready).
 */

/**
 * How a CPU shape's duty cycle is doing. The CPU owed is the shape's fraction times the wall time,
 * exactly; the fake spins until the CPU the kernel accounts to it (utime + stime, the ticks a
 * monitor reads in /proc/PID/stat) has caught up. Owed CPU a long stall left unpaid beyond the
 * cap (two slices) is forgiven rather than paid back as a long spin, and counted.
 */
export type FakeCpu = {
	/** utime + stime when the duty cycle started (start-up work is not counted against the shape). */
	baseTicks: number;
	/** utime + stime at the end of the last slice. */
	ticks: number;
	/** CPU owed from the start until the last slice began, in microseconds. */
	owedUs: number;
	/** Owed CPU dropped by the cap, in microseconds. */
	forgivenUs: number;
	/** Wall time from the start until the last slice began, in microseconds. */
	wallUs: number;
	/** Slices that ended before catching up, because the machine did not give us the CPU. */
	starvedSlices: number;
};

/**
 * What a fake reports about itself, so tests can compare /proc with what it really did. Written by
 * the bash fake (source/demo/fake-daemon.sh, publish) in place at a fixed padded size, and only when it changed, so a
 * status update rarely dirties a new page: it would otherwise show up in the fake's write_bytes.
 */
export type FakeStatus = {
	pid: number;
	/** Process name as the fake sees it (argv[0] basename, or the script's basename). */
	name: string;
	/** Extra fds held open right now (on top of bash's own). */
	extraFds: number;
	/** Cumulative bytes written to the fake's data file. */
	bytesWritten: number;
	/** Extra memory allocated and touched (start + growth). */
	memoryBytes: number;
	/** Pids of the long-lived children. */
	children: number[];
	/** Only for a shape that burns CPU. */
	cpu?: FakeCpu;
};

const statusPath = (dir: string, pid: number) => path.join(dir, 'status', `${pid}.json`);

/** A fake's last self-reported status (fds held, bytes written, memory touched), or undefined if that pid never wrote one. */
export async function readFakeStatus({dir}: {dir: string}, pid: number): Promise<FakeStatus | undefined> {
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
