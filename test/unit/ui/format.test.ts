import test from 'ava';
import {formatBytes, formatCount, formatDuration, formatGrowth, formatPercent, formatUsage} from '../../../source/ui/format.js';
import {cpuSparkline, sparkline} from '../../../source/ui/sparkline.js';
import {cut, cutMiddle, cutStart, fitLine, lineWidth, sanitize, spreadLine} from '../../../source/ui/text.js';
import {lineText} from '../../helpers/ui-lines.js';

test('bytes read like top: 1024-based, at most 5 characters', t => {
	const cases: Array<[number, string]> = [
		[0, '0B'],
		[512, '512B'],
		[999, '999B'],
		[1000, '1.0K'],
		[1536, '1.5K'],
		[12.3 * 1024 * 1024, '12.3M'],
		[99.96 * 1024, '100K'],
		[999.4 * 1024 * 1024, '999M'],
		[999.6 * 1024 * 1024, '1.0G'],
		[3 * 1024 ** 4, '3.0T'],
	];
	for (const [value, text] of cases) {
		t.is(formatBytes(value), text, String(value));
		t.true(formatBytes(value).length <= 5);
	}
});

test('unreadable values are a dash', t => {
	t.is(formatBytes(undefined), '-');
	t.is(formatBytes(Number.NaN), '-');
	t.is(formatPercent(undefined), '-');
	t.is(formatCount(undefined), '-');
	t.is(formatUsage(undefined), '-');
	t.is(formatGrowth(undefined), '-');
});

test('CPU keeps one decimal below 100% of a core', t => {
	t.is(formatPercent(0), '0.0');
	t.is(formatPercent(12.345), '12.3');
	t.is(formatPercent(99.96), '100');
	t.is(formatPercent(250.4), '250');
});

test('counts shorten in thousands past 5 digits', t => {
	t.is(formatCount(24), '24');
	t.is(formatCount(99_999), '99999');
	t.is(formatCount(123_456), '123K');
	t.is(formatCount(4_500_000), '5M');
});

test('durations, usage and growth', t => {
	t.is(formatDuration(45), '45s');
	t.is(formatDuration(600), '10m');
	t.is(formatDuration(725), '12m 5s');
	t.is(formatDuration(3600 * 3 + 1200), '3h 20m');
	// One precision for every size, so a column of usages lines up.
	t.is(formatUsage(0.0123), '0.012%');
	t.is(formatUsage(0.000_01), '<0.001%');
	t.is(formatUsage(0), '0.000%');
	t.is(formatUsage(5.5), '5.500%');
	t.is(formatUsage(42.42), '42.420%');
	t.is(formatUsage(100), '100.000%');
	t.is(formatGrowth(1.5 * 1024 * 1024), '+1.5M/min');
	t.is(formatGrowth(0), '0B/min');
	t.is(formatGrowth(-2048), '-2.0K/min');
});

test('a sparkline is exactly its width, newest at the right, gaps blank', t => {
	t.is(sparkline([0, 7], 4), '  ▁█');
	t.is(sparkline([0, Number.NaN, 7], 3), '▁ █');
	t.is(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8), '▁▂▃▄▅▆▇█');
	t.is(sparkline([5, 5, 5], 3), '▄▄▄', 'a flat non-zero series (a directory that does not grow) is not drawn as empty');
	t.is(sparkline([0, 0, 0], 3), '▁▁▁');
	t.is(sparkline([1, 2, 3, 4, 5], 2), '▁█', 'only the last values are scaled and shown');
	t.is(sparkline([], 3), '   ');
	t.is(sparkline([1, 2], 0), '');
});

test('a CPU sparkline is scaled from 0 to the peak, at least 10%', t => {
	t.is(cpuSparkline([0, 0.5, 1, 2], 4), '▁▁▁▂', 'jitter around 1% stays at the bottom');
	t.is(cpuSparkline([0, 50, 100], 3), '▁▅█');
});

test('text is cut, padded and spread to exact widths', t => {
	t.is(cut('wazuh-analysisd', 6), 'wazuh…');
	t.is(cutStart('/var/ossec/logs/archives/archives.json', 12), '…chives.json');
	t.is(cutMiddle('wazuh-modulesd_child_12', 15), 'wazuh-m…hild_12');
	t.is(cutMiddle('short', 15), 'short');
	const fitted = fitLine([{text: 'abc', bold: true}, {text: 'defgh'}], 5);
	t.is(lineText(fitted), 'abcd…', 'text cut off is marked');
	t.is(lineText(fitLine([{text: 'abc', bold: true}, {text: 'de'}], 5)), 'abcde', 'nothing cut: no mark');
	t.is(lineText(fitLine([{text: 'abcde'}, {text: '   '}], 5)), 'abcde', 'only blanks cut: no mark');
	t.deepEqual(fitLine([{text: 'abc', bold: true}, {text: 'xyz'}], 3), [{text: 'ab…', bold: true}], 'the mark takes the style of the text it ends');
	t.is(lineText(fitLine([{text: 'ab'}], 5)), 'ab   ');
	const spread = spreadLine([{text: 'left side'}], [{text: '12:00:00'}], 20);
	t.is(lineText(spread), 'left side   12:00:00');
	t.is(lineWidth(spreadLine([{text: 'a very long left side'}], [{text: '12:00:00'}], 15)), 15);
	t.is(sanitize('bad\u0007name\t'), 'bad?name?');
});
