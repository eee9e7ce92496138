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
