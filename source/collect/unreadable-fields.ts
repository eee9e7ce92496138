import {capabilities, hasCapability} from '../procfs/capabilities.js';
import type {FieldGroup} from '../procfs/process-reader.js';

/** The sample fields a group that cannot be read leaves empty (DaemonState.unreadable). */
export const groupFields: Record<FieldGroup, readonly string[]> = {
	memory: ['RSS', 'USS', 'PSS', 'SWAP'],
	maps: ['USS', 'PSS'],
	io: ['Read_Ops', 'Write_Ops', 'Disk_Read', 'Disk_Written'],
	fd: ['FD'],
};

const groupLabel: Record<FieldGroup, string> = {
	memory: 'memory maps (RSS/USS/PSS/SWAP)',
	maps: 'memory maps (USS/PSS; RSS and SWAP come from /proc/PID/status)',
	io: 'io counters (Read_Ops/Write_Ops/Disk_*)',
	fd: 'open file descriptors (FD)',
};

/** The one warning that explains why a field group of a process cannot be read (errno code). */
export function unreadableWarning(group: FieldGroup, code: string, name: string, pid: number): string {
	const reason = code === 'EACCES' || code === 'EPERM'
		? `permission denied; run as root to read another user's ${groupLabel[group].split(' (')[0]!}`
		: `error ${code}`;
	return `cannot read ${groupLabel[group]} of ${name} (pid ${pid}): ${reason}`;
}

/**
 * The one line a user other than root is told at start (stderr and the log) when the figures of
 * other users' processes (root's and Wazuh's daemons) will be empty, and why; undefined when
 * nothing is missing. Measured: smaps_rollup needs CAP_SYS_PTRACE (the ptrace read check), the fd
 * folder CAP_DAC_READ_SEARCH (it is 0500 of the process's owner), io both.
 */
export function privilegeNotice(user: string, effective: bigint): string | undefined {
	const ptrace = hasCapability(effective, capabilities.sysPtrace);
	const dac = hasCapability(effective, capabilities.dacReadSearch);
	if (ptrace && dac) {
		return undefined;
	}

	const lacking = [...ptrace ? [] : ['CAP_SYS_PTRACE'], ...dac ? [] : ['CAP_DAC_READ_SEARCH']];
	const figures = [...ptrace ? [] : ['USS', 'PSS'], ...dac ? [] : ['FD'], 'disk IO'];
	const list = `${figures.slice(0, -1).join(', ')}${figures.length > 1 ? ' and ' : ''}${figures.at(-1)!}`;
	return `running as ${user} without ${lacking.join(' and ')}: ${list} of other users' processes (root's and Wazuh's daemons) are empty; give it CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH (see docs/security.md)`;
}
