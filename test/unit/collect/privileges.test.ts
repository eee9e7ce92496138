import test from 'ava';
import {privilegeNotice} from '../../../source/collect/unreadable-fields.js';
import {effectiveCapabilities, parseEffectiveCapabilities} from '../../../source/procfs/capabilities.js';

const ptrace = 1n << 19n;
const dacReadSearch = 1n << 2n;

test('CapEff of /proc/self/status, as a bit set', t => {
	t.is(parseEffectiveCapabilities('Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t0000000000080004\nCapBnd:\t000001ffffffffff\n'), ptrace | dacReadSearch);
	t.is(parseEffectiveCapabilities('Name:\tnode\n'), undefined);
	t.is(typeof effectiveCapabilities(), 'bigint', 'this process has a CapEff line');
});

test('a user without the two capabilities is told which figures are empty, and why', t => {
	t.is(privilegeNotice('wazuh-metrics', ptrace | dacReadSearch), undefined);
	t.is(privilegeNotice('nobody', 0n), 'running as nobody without CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH: USS, PSS, FD and disk IO of other users\' processes (root\'s and Wazuh\'s daemons) are empty; give it CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH (see docs/security.md)');
	t.regex(privilegeNotice('nobody', dacReadSearch)!, /^running as nobody without CAP_SYS_PTRACE: USS, PSS and disk IO of other users' processes/);
	t.regex(privilegeNotice('nobody', ptrace)!, /^running as nobody without CAP_DAC_READ_SEARCH: FD and disk IO of other users' processes/);
});
