/**
 * Child process of the memory benchmark: the collector feeding the UI's history store (through
 * the session feed, as the CLI wires them) at a fast interval, reporting its memory every few
 * ticks as JSON lines on stdout. A process of its own so its RSS is nobody else's.
 *
 *   node --import=tsx soak.ts '{"names":[...],"interval":0.005,"ticks":10800,"every":100,"capacity":3600}'
 */
import {Monitor} from '../../source/collect/monitor.js';
import {SessionFeed} from '../../source/model/feed.js';
import {HistoryStore} from '../../source/model/history-store.js';

export type SoakOptions = {
	readonly names: readonly string[];
	readonly interval: number;
	readonly ticks: number;
	readonly every: number;
	readonly capacity: number;
};

export type SoakPoint = {readonly tick: number; readonly rss: number; readonly heapUsed: number; readonly samples: number};

const options = JSON.parse(process.argv[2] ?? '{}') as SoakOptions;
const feed = new SessionFeed();
const store = new HistoryStore({capacity: options.capacity});
store.attach(feed);
// Reads what a screen reads on each change, so the store's views are exercised too.
store.subscribe(() => {
	const view = store.getSnapshot();
	const first = view.snapshot?.samples[0];
	if (first !== undefined) {
		store.series(first.role, 'cpuPercent', 120, view.processEnd);
	}
});

const monitor = new Monitor({daemons: options.names, interval: options.interval});
monitor.on('snapshot', snapshot => {
	feed.emit('snapshot', snapshot);
	if (snapshot.tick % options.every === 0) {
		// After a full collection (the parent starts this with --expose-gc): what is kept, not
		// how much garbage V8 lets pile up between major collections.
		globalThis.gc?.();
		const {rss, heapUsed} = process.memoryUsage();
		const point: SoakPoint = {tick: snapshot.tick, rss, heapUsed, samples: snapshot.samples.length};
		process.stdout.write(`${JSON.stringify(point)}\n`);
	}

	if (snapshot.tick >= options.ticks) {
		void monitor.stop().then(() => {
			process.exit(0);
		});
	}
});
process.stdin.on('end', () => {
	process.exit(0);
});
process.stdin.resume();
monitor.start();
