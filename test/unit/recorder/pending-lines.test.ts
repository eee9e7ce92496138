import test from 'ava';
import {type Line, PendingLines} from '../../../source/recorder/pending-lines.js';

const row = (text: string): Line => ({text: Buffer.from(`${text}\n`), isRow: true});
const header: Line = {text: Buffer.from('H1,H2\n'), isRow: false};

test('a short write leaves the rest of the cut line first in the next chunk', t => {
	const pending = new PendingLines(100);
	pending.setHeader(header);
	pending.push(row('a,1'));
	pending.push(row('b,2'));
	t.is(pending.chunk().toString(), 'H1,H2\na,1\nb,2\n');
	t.is(pending.rows, 2);

	// Header and 2 bytes of the first row reached the file.
	const completed = pending.consume(8);
	t.deepEqual(completed.map(line => line.isRow), [false]);
	t.is(pending.partialBytes, 2);
	t.is(pending.chunk().toString(), '1\nb,2\n');
	t.is(pending.rows, 2);

	t.deepEqual(pending.consume(2).map(line => line.text.toString()), ['a,1\n']);
	t.is(pending.partialBytes, 0);
	t.is(pending.chunk().toString(), 'b,2\n');
	t.is(pending.rows, 1);
});

test('rewinding puts a cut line back whole', t => {
	const pending = new PendingLines(100);
	pending.push(row('a,1'));
	pending.push(row('b,2'));
	pending.consume(5);
	t.is(pending.chunk().toString(), ',2\n');
	pending.rewindPartial();
	t.is(pending.partialBytes, 0);
	t.is(pending.chunk().toString(), 'b,2\n');
});

test('overflow drops the oldest rows but keeps the header and the cut line', t => {
	const pending = new PendingLines(3);
	pending.setHeader(header);
	for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
		pending.push(row(name));
	}

	// Header plus one byte of `a`.
	pending.consume(header.text.length + 1);
	t.is(pending.dropOverflow(), 3);
	t.is(pending.rows, 3);
	t.is(pending.chunk().toString(), '\ne\nf\n');
	t.is(pending.dropOverflow(), 0);
	t.is(pending.clear(), 3);
	t.true(pending.isEmpty);
});

test('a queued header is removed or restored to the front', t => {
	const pending = new PendingLines(10);
	pending.push(row('a'));
	pending.setHeader(header);
	t.is(pending.chunk().toString(), 'H1,H2\na\n');
	t.is(pending.rows, 1);
	pending.setHeader(undefined);
	t.is(pending.chunk().toString(), 'a\n');
});

test('consuming more than is pending is a bug, not silence', t => {
	const pending = new PendingLines(10);
	pending.push(row('a'));
	t.throws(() => pending.consume(3), {instanceOf: RangeError});
});
