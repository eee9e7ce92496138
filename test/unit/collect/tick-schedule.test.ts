import test from 'ava';
import {delayUntil, nextSlot} from '../../../source/collect/tick-schedule.js';

test('the next slot follows the last one on the grid', (t) => {
	t.is(nextSlot(0, 3, 1000), 1);
	t.is(delayUntil(1, 3, 1000), 997);
	t.is(nextSlot(4, 4020, 1000), 5);
	t.is(delayUntil(5, 4020, 1000), 980);
});

test('slow ticks do not drift: the delay is measured from the grid, not from the end of the tick', (t) => {
	// Tick 1 ran at 1000 and took 300 ms: the next one is still due at 2000.
	const slot = nextSlot(1, 1300, 1000);
	t.is(slot, 2);
	t.is(delayUntil(slot, 1300, 1000), 700);
});

test('missed slots are skipped; the latest due one runs at once', (t) => {
	// Slot 2 ran, then the loop was held up until 5500: slots 3 and 4 are skipped, 5 runs now.
	const slot = nextSlot(2, 5500, 1000);
	t.is(slot, 5);
	t.is(delayUntil(slot, 5500, 1000), 0);
});

test('a timer that fires early does not make its slot run twice', (t) => {
	// Slot 3 fired at 2999.4 (timer granularity): the next slot is 4, not 3 again.
	t.is(nextSlot(3, 2999.4, 1000), 4);
	t.true(Math.abs(delayUntil(4, 2999.4, 1000) - 1000.6) < 1e-9);
});

test('fractional intervals', (t) => {
	t.is(nextSlot(0, 10, 250), 1);
	t.is(nextSlot(9, 10 * 250 + 1, 250), 10);
	t.is(nextSlot(9, 12 * 250 + 1, 250), 12);
});
