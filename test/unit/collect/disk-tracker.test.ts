import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {directorySize} from '../../../source/collect/directory-size.js';
import {DiskUsageTracker} from '../../../source/collect/disk-usage-tracker.js';
import type {DiskSample, DiskSnapshot} from '../../../source/model/snapshot.js';
import {formatTimestamp} from '../../../source/model/timestamp.js';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const indexUrl = new URL('../../../source/collect/disk-usage-tracker.ts', import.meta.url).href;

/** Generous: these only bound how long a broken implementation makes a test hang. */
const patienceMs = 30_000;

function temporaryDirectory(t: {teardown: (fn: () => void) => void}): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wazuh-metrics-disk-tracker-'));
	t.teardown(() => {
		fs.rmSync(dir, {recursive: true, force: true});
	});
	return dir;
}

function writeBytes(file: string, bytes: number): number {
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, Buffer.alloc(bytes, 0x62));
	return bytes;
}

function filesystemBytes(file: string): number {
	const info = fs.statfsSync(file);
	return info.blocks * info.bsize;
}

function only(snapshot: DiskSnapshot): DiskSample {
	const [sample] = snapshot.samples;
	if (!sample) {
		throw new Error('snapshot without samples');
	}

	return sample;
}

/** Resolves with the first snapshot the tracker emits that satisfies `accept`. */
async function snapshotWhere(tracker: DiskUsageTracker, accept: (snapshot: DiskSnapshot) => boolean): Promise<DiskSnapshot> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			tracker.off('snapshot', listener);
			reject(new Error('no matching snapshot in time'));
		}, patienceMs);
		const listener = (snapshot: DiskSnapshot): void => {
			if (accept(snapshot)) {
				clearTimeout(timer);
				tracker.off('snapshot', listener);
				resolve(snapshot);
			}
		};

		tracker.on('snapshot', listener);
	});
}

/** Calls `sample()` every 20 ms until a sample satisfies `accept`. */
async function sampleUntil(tracker: DiskUsageTracker, accept: (sample: DiskSample) => boolean): Promise<DiskSample> {
	const deadline = performance.now() + patienceMs;
	for (;;) {
		const sample = only(tracker.sample());
		if (accept(sample)) {
			return sample;
		}

		if (performance.now() > deadline) {
			throw new Error(`gave up waiting; last sample: ${JSON.stringify(sample)}`);
		}

		await new Promise((resolve) => {
			setTimeout(resolve, 20);
		});
	}
}

/** Runs an ESM script in a fresh node (with tsx) and reports how it ended. */
async function runScript(script: string): Promise<{code: number | null; stdout: string; stderr: string; timedOut: boolean}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], {cwd: projectRoot});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, patienceMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, timedOut});
		});
	});
}

// Serial so that nothing else in this process blocks the event loop while the gaps are measured.
test.serial('a tree of 100,000 files is walked off the main thread and summed exactly', async (t) => {
	const root = temporaryDirectory(t);
	let expected = 0;
	// 100 directories filled concurrently: creating files is kernel-bound, and the thread pool
	// overlaps it several times faster than a synchronous loop.
	await Promise.all(Array.from({length: 100}, async (_, d) => {
		const dir = path.join(root, `d${d}`);
		await fs.promises.mkdir(dir);
		for (let f = 0; f < 1000; f++) {
			const content = 'x'.repeat((f % 7) + 1);
			await fs.promises.writeFile(path.join(dir, `f${f}`), content);
			expected += content.length;
		}
	}));

	// What a walk costs when it blocks: the gap a main-thread walk would leave in the event loop.
	const blockingStart = performance.now();
	const reference = directorySize(root);
	const blockingMs = performance.now() - blockingStart;
	t.is(reference.bytes, expected);
	t.is(reference.files, 100_000);

	const tracker = new DiskUsageTracker({paths: [root], interval: 0.05});
	t.teardown(async () => tracker.stop());
	// Off the main thread means: while the walk runs, ticks go on (their snapshots have no size yet)
	// and the main thread runs other callbacks between them. A walk on the main thread would
	// answer in the tick that started it: no sizeless tick, no callback in between. Counts, not times.
	let callbacks = 0;
	let callbacksWhileWalking = 0;
	let sizelessTicks = 0;
	const ticker = setInterval(() => {
		callbacks++;
	}, 5);
	let firstSizelessAt: number | undefined;
	tracker.on('snapshot', (snapshot) => {
		if (only(snapshot).size === undefined) {
			sizelessTicks++;
			firstSizelessAt ??= callbacks;
		} else if (firstSizelessAt !== undefined) {
			callbacksWhileWalking = callbacks - firstSizelessAt;
		}
	});
	tracker.start();
	const measured = await snapshotWhere(tracker, (snapshot) => only(snapshot).size !== undefined);
	clearInterval(ticker);

	const sample = only(measured);
	t.is(sample.size, expected);
	t.is(sample.problem, undefined);
	t.true(sample.isDirectory);
	t.log(`blocking walk ${blockingMs.toFixed(0)} ms; size via worker at tick ${measured.tick}, after ${sizelessTicks} ticks without it and ${callbacksWhileWalking} other callbacks`);
	t.true(sizelessTicks >= 1, 'ticks went on while the walk ran');
	t.true(callbacksWhileWalking >= 1, 'the main thread ran other work while the walk ran');
});

test('a file: size, times, and usage relative to statfs of the path', (t) => {
	const dir = temporaryDirectory(t);
	const file = path.join(dir, 'archives.json');
	writeBytes(file, 123_456);
	const tracker = new DiskUsageTracker({paths: [file], interval: 1});
	t.teardown(async () => tracker.stop());

	const snapshot = tracker.sample();
	const sample = only(snapshot);
	const stats = fs.statSync(file);
	t.deepEqual(sample, {
		file: 'archives.json',
		path: file,
		exists: true,
		size: 123_456,
		usagePercent: (123_456 / filesystemBytes(file)) * 100,
		mtime: stats.mtimeMs,
		atime: stats.atimeMs,
		ctime: stats.ctimeMs,
		isDirectory: false,
		problem: undefined,
	});
	t.true(Object.isFrozen(snapshot));
	t.true(Object.isFrozen(sample));
});

test('sample() stamps the given tick time and counts ticks', (t) => {
	const dir = temporaryDirectory(t);
	const tracker = new DiskUsageTracker({paths: [dir], interval: 1});
	t.teardown(async () => tracker.stop());
	const time = new Date(2024, 0, 2, 3, 4, 5).getTime();

	const first = tracker.sample(time);
	t.is(first.tick, 1);
	t.is(first.time, time);
	t.is(first.timestamp, '2024/01/02 03:04:05');
	t.is(tracker.sample(time + 1000).tick, 2);

	const now = tracker.sample();
	t.is(now.timestamp, formatTimestamp(now.time));
	t.true(Math.abs(now.time - Date.now()) < 60_000);
});

test('paths are made absolute once and duplicates are dropped', (t) => {
	const dir = temporaryDirectory(t);
	const file = path.join(dir, 'f');
	writeBytes(file, 1);
	const relative = path.relative(process.cwd(), file);
	const tracker = new DiskUsageTracker({paths: [relative, file, `${dir}/./f`], interval: 1});
	t.teardown(async () => tracker.stop());

	t.deepEqual(tracker.paths, [file]);
	t.deepEqual(tracker.sample().samples.map((each) => each.path), [file]);
});

test('a directory is "measuring" until its first walk completes, then reports that walk', async (t) => {
	const dir = temporaryDirectory(t);
	writeBytes(path.join(dir, 'a'), 1000);
	writeBytes(path.join(dir, 'sub', 'b'), 24);
	const tracker = new DiskUsageTracker({paths: [dir], interval: 1});
	t.teardown(async () => tracker.stop());

	const first = only(tracker.sample());
	t.true(first.exists);
	t.true(first.isDirectory);
	t.is(first.size, undefined);
	t.is(first.usagePercent, undefined);
	t.is(first.problem, 'measuring');
	t.is(first.mtime, fs.statSync(dir).mtimeMs);

	const measured = await sampleUntil(tracker, (sample) => sample.size !== undefined);
	t.is(measured.size, 1024);
	t.is(measured.usagePercent, (1024 / filesystemBytes(dir)) * 100);
	t.is(measured.problem, undefined);

	writeBytes(path.join(dir, 'sub', 'c'), 1000);
	const grown = await sampleUntil(tracker, (sample) => sample.size !== 1024);
	t.is(grown.size, 2024);
});

test('a missing path is reported, then picked up when it appears, including file <-> directory swaps', async (t) => {
	const dir = temporaryDirectory(t);
	const target = path.join(dir, 'later');
	const tracker = new DiskUsageTracker({paths: [target], interval: 0.05});
	t.teardown(async () => tracker.stop());
	tracker.start();

	const missing = only(await snapshotWhere(tracker, () => true));
	t.deepEqual(missing, {
		file: 'later',
		path: target,
		exists: false,
		size: undefined,
		usagePercent: undefined,
		mtime: undefined,
		atime: undefined,
		ctime: undefined,
		isDirectory: false,
		problem: 'missing',
	});

	writeBytes(path.join(target, 'x'), 300);
	const asDirectory = only(await snapshotWhere(tracker, (snapshot) => only(snapshot).size !== undefined));
	t.true(asDirectory.exists);
	t.true(asDirectory.isDirectory);
	t.is(asDirectory.size, 300);

	fs.rmSync(target, {recursive: true});
	writeBytes(target, 42);
	const asFile = only(await snapshotWhere(tracker, (snapshot) => only(snapshot).exists && !only(snapshot).isDirectory));
	t.is(asFile.size, 42);
	t.is(asFile.problem, undefined);

	fs.rmSync(target);
	writeBytes(path.join(target, 'y'), 7);
	// Nothing measured for the earlier directory may resurface: the new one starts from scratch.
	const again = only(await snapshotWhere(tracker, (snapshot) => only(snapshot).isDirectory));
	t.is(again.size, undefined);
	t.is(again.problem, 'measuring');
	const remeasured = only(await snapshotWhere(tracker, (snapshot) => only(snapshot).size !== undefined));
	t.is(remeasured.size, 7);

	fs.rmSync(target, {recursive: true});
	const gone = only(await snapshotWhere(tracker, (snapshot) => !only(snapshot).exists));
	t.is(gone.problem, 'missing');
	t.is(gone.size, undefined);
});

test('a top-level symlink is followed; a dangling one is missing', async (t) => {
	const dir = temporaryDirectory(t);
	const real = path.join(dir, 'real.log');
	writeBytes(real, 500);
	const link = path.join(dir, 'current.log');
	fs.symlinkSync(real, link);
	const dangling = path.join(dir, 'dangling');
	fs.symlinkSync(path.join(dir, 'nowhere'), dangling);
	const realDir = path.join(dir, 'realdir');
	writeBytes(path.join(realDir, 'z'), 64);
	const dirLink = path.join(dir, 'dirlink');
	fs.symlinkSync(realDir, dirLink);
	const tracker = new DiskUsageTracker({paths: [link, dangling, dirLink], interval: 1});
	t.teardown(async () => tracker.stop());

	const [file, broken, directory] = tracker.sample().samples;
	t.is(file?.path, link);
	t.is(file?.file, 'current.log');
	t.is(file?.size, 500);
	t.is(file?.mtime, fs.statSync(real).mtimeMs);
	t.is(broken?.exists, false);
	t.is(broken?.problem, 'missing');
	t.true(directory?.isDirectory);

	await sampleUntil(tracker, () => tracker.sample().samples[2]?.size !== undefined);
	t.is(tracker.sample().samples[2]?.size, 64);
});

test('ticks keep to the interval grid', async (t) => {
	const dir = temporaryDirectory(t);
	const tracker = new DiskUsageTracker({paths: [dir], interval: 0.1});
	t.teardown(async () => tracker.stop());
	const seen: DiskSnapshot[] = [];
	const times: number[] = [];
	tracker.on('snapshot', (snapshot) => {
		seen.push(snapshot);
		times.push(performance.now());
	});
	const startedAt = performance.now();
	tracker.start();
	await snapshotWhere(tracker, (snapshot) => snapshot.tick === 6);
	await tracker.stop();

	t.deepEqual(seen.map((each) => each.tick), [1, 2, 3, 4, 5, 6]);
	// Tick 6 is slot 5, due 500 ms after start(); timers do not fire (much) early.
	const span = (times[5] ?? 0) - startedAt;
	t.true(span >= 490, `tick 6 came ${span} ms after start()`);
	for (const snapshot of seen) {
		t.is(snapshot.timestamp, formatTimestamp(snapshot.time, true), "milliseconds below a second between samples");
	}
});

test('the async iterator yields snapshots until stop()', async (t) => {
	const dir = temporaryDirectory(t);
	writeBytes(path.join(dir, 'f'), 10);
	const tracker = new DiskUsageTracker({paths: [dir], interval: 0.05});
	t.teardown(async () => tracker.stop());
	tracker.start();

	const ticks: number[] = [];
	for await (const snapshot of tracker) {
		ticks.push(snapshot.tick);
		if (ticks.length === 3) {
			break;
		}
	}

	t.is(ticks.length, 3);
	t.deepEqual(ticks, [ticks[0], (ticks[0] ?? 0) + 1, (ticks[0] ?? 0) + 2]);
	// `break` unsubscribed the iterator.
	t.is(tracker.listenerCount('snapshot'), 0);

	const sizes: Array<number | undefined> = [];
	for await (const snapshot of tracker) {
		sizes.push(only(snapshot).size);
		if (only(snapshot).size !== undefined) {
			// No break: stopping the tracker ends the loop.
			void tracker.stop();
		}
	}

	t.is(sizes.at(-1), 10);

	const afterStop = tracker[Symbol.asyncIterator]();
	t.deepEqual(await afterStop.next(), {value: undefined, done: true});
});

test('stop() resolves and leaves nothing that keeps the process alive', async (t) => {
	const dir = temporaryDirectory(t);
	writeBytes(path.join(dir, 'f'), 99);
	const script = `
		import {DiskUsageTracker} from ${JSON.stringify(indexUrl)};
		const tracker = new DiskUsageTracker({paths: [${JSON.stringify(dir)}], interval: 0.05});
		tracker.start();
		for await (const snapshot of tracker) {
			if (snapshot.samples[0].size !== undefined) {
				console.log('size', snapshot.samples[0].size);
				break;
			}
		}
		await tracker.stop();
		console.log('stopped');
		// No process.exit(): the process must end on its own.
	`;
	const result = await runScript(script);
	t.false(result.timedOut, 'the process did not exit after stop()');
	t.is(result.code, 0, result.stderr);
	t.is(result.stdout, 'size 99\nstopped\n');
});

test('a walk in flight does not keep the process alive', async (t) => {
	const dir = temporaryDirectory(t);
	writeBytes(path.join(dir, 'f'), 1);
	const script = `
		import {DiskUsageTracker} from ${JSON.stringify(indexUrl)};
		const tracker = new DiskUsageTracker({paths: [${JSON.stringify(dir)}], interval: 1});
		console.log(tracker.sample().samples[0].problem);
	`;
	const result = await runScript(script);
	t.false(result.timedOut, 'the walk worker kept the process alive');
	t.is(result.code, 0, result.stderr);
	t.is(result.stdout, 'measuring\n');
});

test('rejects an interval that is not a positive number', (t) => {
	for (const interval of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
		t.throws(() => new DiskUsageTracker({paths: [], interval}), {instanceOf: RangeError});
	}
});

test('events are typed', (t) => {
	const tracker = new DiskUsageTracker({paths: [], interval: 1});
	tracker.on('snapshot', (snapshot) => {
		const tick: number = snapshot.tick;
		t.is(tick, 1);
	});
	tracker.on('error', (error) => {
		t.fail(error.message);
	});
	// @ts-expect-error not an event of the tracker
	tracker.on('nonsense', () => undefined);
	t.is(tracker.sample().samples.length, 0);
});
