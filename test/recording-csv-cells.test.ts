import test from 'ava';
import {cellEnds, numberAt, numberCell, splitCsvLine} from '../source/recording/csv-lines.js';
import {seededRandom} from './helpers/random.js';

/* The in-place cell reader gives what splitting the line and Number() give, on seeded random rows. */

test('numberAt equals Number() on what the writers write (2-decimal floats, integers, negatives, empty, odd cells)', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const cells: string[] = ['', '0', '-0', '0.0', '12', '-3.5', '1e5', 'nan', '1.2.3', '-', '.5', '7.', '123456789012345678', '0.1234567891'];
	for (let index = 0; index < 20_000; index++) {
		const magnitude = 10 ** random.int(12);
		const value = (random.next() - 0.3) * magnitude;
		cells.push(value.toFixed(random.int(4)), String(Math.round(value)), String(Math.round(value * 100) / 100));
	}

	for (const cell of cells) {
		const line = `x,${cell},y`;
		t.is(numberAt(line, 2, 2 + cell.length), numberCell(cell), `cell "${cell}"`);
	}
});

test('cellEnds finds the same cells as splitting the line', t => {
	for (const line of ['a,b,c', ',,', 'wazuh-db,4.9.0,2026/01/05 08:00:00,10,1.5,,3', 'one']) {
		const ends = new Int32Array(16);
		const count = cellEnds(line, ends);
		const cells = Array.from({length: count}, (_, index) => line.slice(index === 0 ? 0 : ends[index - 1]! + 1, ends[index]));
		t.deepEqual(cells, splitCsvLine(line), line);
	}
});
