/**
 * Child of the UI benchmark, run in a pseudo-terminal: the real screen (`runUi`) fed synthetic
 * snapshots of `rows` processes once per interval, as the CLI feeds it. For every tick it records
 * how long the frame took (from the feed event to the last write of the frame), the CPU time
 * spent, and the bytes handed to the terminal, as JSON lines in the results file.
 *
 *   node --import=tsx ui-child.ts '{"rows":60,"ticks":12,"interval":1,"out":"/tmp/x.jsonl"}'
 */
import fs from 'node:fs';
import type {RecorderProgress, SessionInfo} from '../../source/model/feed.js';
import {SessionFeed} from '../../source/model/feed.js';
import {HistoryStore} from '../../source/model/history-store.js';
import {runUi} from '../../source/ui/run-ui.js';
import {syntheticDaemons, syntheticSnapshot} from './synthetic.js';

export type UiChildOptions = {readonly rows: number; readonly ticks: number; readonly interval: number; readonly out: string};
export type FrameRecord = {
	readonly tick: number;
	/** Epoch ms (high resolution) of the feed event. */
	readonly at: number;
	readonly frameMs: number | undefined;
	readonly cpuMs: number | undefined;
	readonly bytes: number;
	readonly writes: number;
};

const options = JSON.parse(process.argv[2] ?? '{}') as UiChildOptions;
const epochNow = (): number => performance.timeOrigin + performance.now();
const cpuMs = (): number => {
	const {user, system} = process.cpuUsage();
	return (user + system) / 1000;
};

// Every byte the screen writes passes here; the frame ends with its last write.
let bytes = 0;
let writes = 0;
let lastWrite: {at: number; cpu: number} | undefined;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
	const result = (write as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest);
	bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
	writes++;
	lastWrite = {at: performance.now(), cpu: cpuMs()};
	return result;
});

const feed = new SessionFeed();
const info: SessionInfo = {
	host: 'bench',
	wazuhVersion: '4.9.0',
	interval: options.interval,
	source: 'live',
	demo: false,
	root: true,
	location: '/tmp/wazuh-metrics.log',
	daemons: syntheticDaemons,
	diskPaths: [],
};
const store = new HistoryStore();
store.attach(feed);
const ui = runUi(store, info, {onCrash(error) {
	fs.appendFileSync(options.out, `${JSON.stringify({error: error.message})}\n`);
	process.exit(1);
}});

let tick = 0;
const frame = (): void => {
	tick++;
	const start = {at: performance.now(), epoch: epochNow(), cpu: cpuMs()};
	bytes = 0;
	writes = 0;
	lastWrite = undefined;
	const recording: RecorderProgress = {folder: '/tmp/bench', diskFolder: undefined, rowsWritten: tick * options.rows, pendingRows: 0, lostRows: 0, error: undefined};
	// As the CLI does on each tick: the recorder's status, then the snapshot.
	feed.emit('recording', recording);
	feed.emit('snapshot', syntheticSnapshot(options.rows, tick, options.interval));
	setTimeout(() => {
		const record: FrameRecord = {
			tick,
			at: start.epoch,
			frameMs: lastWrite === undefined ? undefined : lastWrite.at - start.at,
			cpuMs: lastWrite === undefined ? undefined : lastWrite.cpu - start.cpu,
			bytes,
			writes,
		};
		fs.appendFileSync(options.out, `${JSON.stringify(record)}\n`);
		if (tick >= options.ticks) {
			ui.unmount();
			process.exit(0);
		}
	}, options.interval * 900);
};

setTimeout(function next() {
	frame();
	if (tick < options.ticks) {
		setTimeout(next, options.interval * 1000);
	}
}, options.interval * 1000);
