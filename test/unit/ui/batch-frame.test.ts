import test from 'ava';
import {SessionFeed} from '../../../source/model/feed.js';
import {batchFrame} from '../../../source/ui/batch-frame.js';
import {fleet, liveStore, sample, sessionInfo, snapshot} from '../../helpers/ui-snapshots.js';

/*
 * One frame of batch output, on its own: the header line, the titles, one row per process (tree
 * order), in ASCII whatever the names hold, within a width or whole.
 */

const nonAscii = (lines: readonly string[]): string[] => [...lines.join('\n')].filter(character => character.codePointAt(0)! > 0x7F);

test('a frame: the header line, the titles, daemons and children in tree order, the down daemon, ASCII only', t => {
	const feed = new SessionFeed();
	const store = liveStore(feed);
	feed.emit('recording', {folder: '/var/log/wazuh-metrics/01-01-2025/1735732800', diskFolder: undefined, rowsWritten: 1234, pendingRows: 0, lostRows: 0, error: undefined});
	feed.emit('snapshot', fleet(1));
	const lines = batchFrame(store, sessionInfo({demo: true}), undefined);
	t.deepEqual(nonAscii(lines), []);
	t.regex(lines[0]!, /^2025\/01\/01 12:00:01 {2}manager-01 {2}Wazuh 4\.9\.0 {2}every 1 ?s {2}DEMO .*REC 1,234 rows \/var\/log\/wazuh-metrics\/01-01-2025\/1735732800$/);
	t.regex(lines[1]!, /^NAME +PID +CPU% +RSS +RSS\/h .* STATE$/);
	t.deepEqual(lines.slice(2).map(line => /^(.{2}\S+|.{3}child_\d)/.exec(line)?.[0]), [
		'  wazuh-analysisd',
		'v wazuh-db',
		' ` child_1',
		'v wazuh-modulesd',
		' | child_1',
		' | child_2',
		' ` child_3',
		'  wazuh-remoted',
		'v wazuh_apid.py',
		' | child_1',
		' ` child_2',
	]);
	t.regex(lines.find(line => line.includes('wazuh-remoted'))!, /down$/);
});

test('a name with letters outside ASCII shows them as ?; within a width, no line is longer and columns drop', t => {
	const feed = new SessionFeed();
	const store = liveStore(feed);
	feed.emit('snapshot', snapshot(1, [sample('wazuh-analysisd'), sample('wazuh-analysisd_child_1', {comm: 'wörker✓'})]));
	const whole = batchFrame(store, sessionInfo(), undefined);
	t.deepEqual(nonAscii(whole), []);
	t.true(whole.some(line => line.includes('child_1 w?rker?')), whole.join('\n'));
	const narrow = batchFrame(store, sessionInfo(), 60);
	t.deepEqual(nonAscii(narrow), []);
	t.deepEqual(narrow.filter(line => line.length > 60), []);
	t.false(narrow[1]!.includes('WRITTEN'), 'the last columns are dropped first');
	t.true(whole[1]!.includes('WRITTEN'));
});
