import type {Counters, Publish} from './counters.js';

const mb = 1024 * 1024;
/** A leak that never stops would eventually hurt the machine running the demo. */
const growthCapBytes = 256 * mb;
const growthStepMs = 1000;

/** Kept alive for the life of the process; never read, only held. */
const held: Buffer[] = [];

/** Allocates and writes every page (a non-zero fill), so the memory is resident and private. */
function touch(bytes: number): void {
	for (let left = bytes; left > 0; left -= mb) {
		held.push(Buffer.alloc(Math.min(mb, left), 0x5a));
	}
}

export function holdMemory(memoryMb: number | undefined, counters: Counters): void {
	const bytes = Math.max(0, Math.round((memoryMb ?? 0) * mb));
	touch(bytes);
	counters.memoryBytes += bytes;
}

/** Adds memory once a second at `mbPerMin`, in whole pages, up to the cap. */
export function growMemory(mbPerMin: number | undefined, counters: Counters, publish: Publish): void {
	if (!mbPerMin || !(mbPerMin > 0)) {
		return;
	}

	let owed = 0;
	let grown = 0;
	const timer = setInterval(() => {
		owed += (mbPerMin * mb) / (60_000 / growthStepMs);
		const bytes = Math.min(Math.floor(owed / 4096) * 4096, growthCapBytes - grown);
		if (bytes <= 0) {
			if (grown >= growthCapBytes) {
				clearInterval(timer);
			}

			return;
		}

		touch(bytes);
		owed -= bytes;
		grown += bytes;
		counters.memoryBytes += bytes;
		publish();
	}, growthStepMs);
}
