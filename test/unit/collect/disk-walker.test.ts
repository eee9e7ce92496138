import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {BackgroundWalker, WalkerClosedError} from '../../../source/collect/background-walker.js';

function temporaryDirectory(t: {teardown: (fn: () => void) => void}): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wazuh-metrics-disk-walker-'));
	t.teardown(() => {
		fs.rmSync(dir, {recursive: true, force: true});
	});
	return dir;
}

/**
 * The worker is unref'd by design, so a test awaiting nothing but a walk would let the event loop
 * empty (ava then reports the test as never resolving); a plain timer stands in for the ticks that
 * keep a real tracker's process alive.
 */
function keepAlive(t: {teardown: (fn: () => void) => void}): void {
	const timer = setInterval(() => undefined, 1000);
	t.teardown(() => {
		clearInterval(timer);
	});
}

test('walks several directories in the one worker and answers each request', async (t) => {
	const root = temporaryDirectory(t);
	fs.mkdirSync(path.join(root, 'a'));
	fs.mkdirSync(path.join(root, 'b'));
	fs.writeFileSync(path.join(root, 'a', 'f'), 'x'.repeat(11));
	fs.writeFileSync(path.join(root, 'b', 'f'), 'x'.repeat(22));
	keepAlive(t);
	const walker = new BackgroundWalker();
	t.teardown(async () => walker.close());

	const [a, b, both, missing] = await Promise.all([
		walker.walk(path.join(root, 'a')),
		walker.walk(path.join(root, 'b')),
		walker.walk(root),
		walker.walk(path.join(root, 'nope')),
	]);
	t.is(a.bytes, 11);
	t.is(b.bytes, 22);
	t.is(both.bytes, 33);
	t.is(both.files, 2);
	t.true(both.durationMs >= 0);
	t.is(missing.bytes, 0);
	t.is(missing.problems.length, 1);
});

test('close() rejects walks in flight as closed, and a later walk starts a new worker', async (t) => {
	const root = temporaryDirectory(t);
	fs.writeFileSync(path.join(root, 'f'), 'abc');
	keepAlive(t);
	const walker = new BackgroundWalker();
	t.teardown(async () => walker.close());

	const inFlight = walker.walk(root);
	await walker.close();
	await t.throwsAsync(inFlight, {instanceOf: WalkerClosedError});

	const again = await walker.walk(root);
	t.is(again.bytes, 3);
});
