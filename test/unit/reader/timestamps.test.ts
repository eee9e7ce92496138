import test from 'ava';
import {formatTimestamp} from '../../../source/model/timestamp.js';
import {TimestampParser} from '../../../source/reader/timestamps.js';

/* The timestamp reader, against the tool's own writer (formatTimestamp) and Date.UTC, row after row. */

test('local timestamps as the tool writes them, seconds and milliseconds, read back to the same ms over minute and hour boundaries', t => {
	const parser = new TimestampParser(false);
	const start = new Date(2026, 2, 29, 0, 58, 30).getTime();
	for (let step = 0; step < 400; step++) {
		const seconds = start + (step * 1000);
		t.is(parser.parse(formatTimestamp(seconds)), seconds);
		const withMs = seconds + 250;
		t.is(parser.parse(formatTimestamp(withMs, true)), withMs);
	}
});

test('UTC timestamps as monitor.py writes them; what is not a timestamp is undefined', t => {
	const parser = new TimestampParser(true);
	t.is(parser.parse('2025-11-24T16:00:59Z'), Date.UTC(2025, 10, 24, 16, 0, 59));
	t.is(parser.parse('2025-11-24T16:01:00Z'), Date.UTC(2025, 10, 24, 16, 1, 0));
	t.is(parser.parse('2025-11-24T16:01:07Z'), Date.UTC(2025, 10, 24, 16, 1, 7));
	t.is(parser.parse('2025-11-24T16:01:7Z'), undefined);
	t.is(parser.parse('2025/11/24 16:01:07'), undefined);
	const local = new TimestampParser(false);
	t.is(local.parse('2025/11/24 16:01:07'), new Date(2025, 10, 24, 16, 1, 7).getTime());
	t.is(local.parse('2025/11/24 16:01:xx'), undefined);
	t.is(local.parse(''), undefined);
});
