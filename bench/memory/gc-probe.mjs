// Loaded into the recorder CLI under test (`node --expose-gc --import=<this> dist/cli.js ...`):
// every WM_BENCH_GC_PROBE_MS it runs a full garbage collection and appends the process's memory
// to the file WM_BENCH_GC_PROBE, one JSON line per reading. Measured after a full collection, RSS
// and the heap show what the program keeps, not how far V8 has let garbage pile up since its
// last major GC (a sawtooth that would read as growth in a run of a few minutes).
// Plain JavaScript: it runs inside the CLI, which has no TypeScript loader.
import fs from 'node:fs';

const file = process.env.WM_BENCH_GC_PROBE;
const every = Number(process.env.WM_BENCH_GC_PROBE_MS ?? 250);
if (file && typeof globalThis.gc === 'function') {
	setInterval(() => {
		globalThis.gc();
		const {rss, heapUsed} = process.memoryUsage();
		fs.appendFileSync(file, `${JSON.stringify({at: performance.now(), rss, heapUsed})}\n`);
	}, every).unref();
}
