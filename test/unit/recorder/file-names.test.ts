import test from 'ava';
import {diskFileStem, FolderNames, processFileStem, sanitizeStem} from '../../../source/recorder/file-names.js';

test('role names lose the script suffix only', t => {
	t.is(processFileStem('wazuh-analysisd'), 'wazuh-analysisd');
	t.is(processFileStem('wazuh_apid.py'), 'wazuh_apid');
	t.is(processFileStem('wazuh_clusterd.py_child_12'), 'wazuh_clusterd_child_12');
	t.is(processFileStem('wazuh.pyramid'), 'wazuh.pyramid');
});

test('disk stems replace every dot', t => {
	t.is(diskFileStem('archives.json'), 'archives_json');
	t.is(diskFileStem('ossec.log.1'), 'ossec_log_1');
	t.is(diskFileStem(''), '_');
});

test('stems never hold a separator or a control character, nor exceed 200 bytes', t => {
	t.is(sanitizeStem('a/b\\c\u0000d\ne'), 'a_b_c_d_e');
	const long = sanitizeStem('é'.repeat(300));
	t.true(Buffer.byteLength(long) <= 200);
	t.is(long, 'é'.repeat(100));
});

test('names are claimed once per folder, skipping unusable ones', t => {
	const names = new FolderNames();
	t.is(names.claim('a'), 'a.csv');
	t.is(names.claim('a'), 'a_2.csv');
	t.is(names.claim('a', name => name !== 'a_3.csv'), 'a_4.csv');
	t.is(names.claim('a_2'), 'a_2_2.csv');
});
