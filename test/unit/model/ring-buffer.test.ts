import test from 'ava';
import {RingBuffer, seriesStats} from '../../../source/model/ring-buffer.js';

const list = (values: Float64Array) => Array.from(values, value => (Number.isNaN(value) ? 'gap' : value));

test('keeps the newest values when it wraps around', t => {
	const buffer = new RingBuffer(4);
	for (let value = 1; value <= 10; value++) {
		buffer.push(value);
	}

	t.deepEqual(list(buffer.read(4)), [7, 8, 9, 10]);
	t.is(buffer.start, 6);
	t.is(buffer.end, 10);
});

test('reads positions it no longer holds, or never held, as gaps', t => {
	const buffer = new RingBuffer(3);
	buffer.push(1);
	buffer.push(2);
	t.deepEqual(list(buffer.read(4)), ['gap', 'gap', 1, 2]);
	for (let value = 3; value <= 5; value++) {
		buffer.push(value);
	}

	t.deepEqual(list(buffer.read(5)), ['gap', 'gap', 3, 4, 5]);
	t.true(Number.isNaN(buffer.at(1)));
	t.true(Number.isNaN(buffer.at(5)));
});

test('stores unreadable values as gaps', t => {
	const buffer = new RingBuffer(5);
	buffer.push(1);
	buffer.push(undefined);
	buffer.push(Number.NaN);
	buffer.push(Number.POSITIVE_INFINITY);
	buffer.push(5);
	t.deepEqual(list(buffer.read(5)), [1, 'gap', 'gap', 'gap', 5]);
});

test('reads a window ending at an earlier position, as a paused view does', t => {
	const buffer = new RingBuffer(10);
	for (let value = 0; value < 8; value++) {
		buffer.push(value * 10);
	}

	t.deepEqual(list(buffer.read(3, 5)), [20, 30, 40]);
});

test('a buffer created late lines up with older ones through its start position', t => {
	const old = new RingBuffer(4);
	for (let value = 0; value < 6; value++) {
		old.push(value);
	}

	const late = new RingBuffer(4, 6);
	late.push(100);
	old.push(6);
	t.deepEqual(list(late.read(4)), ['gap', 'gap', 'gap', 100]);
	t.deepEqual(list(old.read(4)), [3, 4, 5, 6]);
	t.is(late.end, old.end);
});

test('refuses a capacity that is not a positive integer', t => {
	t.throws(() => new RingBuffer(0), {instanceOf: RangeError});
	t.throws(() => new RingBuffer(2.5), {instanceOf: RangeError});
});

test('min, avg and max ignore gaps', t => {
	t.deepEqual(seriesStats(Float64Array.from([Number.NaN, 4, Number.NaN, 1, 7, Number.NaN])), {min: 1, avg: 4, max: 7, count: 3});
});

test('stats of an all-gap window are undefined', t => {
	t.is(seriesStats(Float64Array.from([Number.NaN, Number.NaN])), undefined);
	t.is(seriesStats([]), undefined);
});

test('stats over a wrapped buffer cover only what it holds', t => {
	const buffer = new RingBuffer(3);
	for (const value of [100, 1, 2, 3]) {
		buffer.push(value);
	}

	t.deepEqual(seriesStats(buffer.read(3)), {min: 1, avg: 2, max: 3, count: 3});
});
