import fs from 'node:fs';

const statGivesCount = new Map<string, boolean>();

/**
 * Since Linux 6.2, `stat(/proc/PID/fd).st_size` is the number of open fds: ~0.5 µs instead of a
 * directory listing (~0.8 µs per fd). Checked once against a listing of our own fds.
 */
function kernelReportsFdCount(procRoot: string): boolean {
	let known = statGivesCount.get(procRoot);
	if (known === undefined) {
		try {
			// Open one extra fd between the two readings so a coincidence (size 0 = 0 fds) can't pass.
			const probe = fs.openSync('/dev/null', 'r');
			try {
				const listed = fs.readdirSync(`${procRoot}/self/fd`).length - 1; // The listing's own fd.
				const {size} = fs.statSync(`${procRoot}/self/fd`);
				known = size > 0 && Math.abs(size - listed) <= 1;
			} finally {
				fs.closeSync(probe);
			}
		} catch {
			known = false;
		}

		statGivesCount.set(procRoot, known);
	}

	return known;
}

/** Number of open file descriptors of a process. Throws EACCES without ptrace access, ENOENT when gone. */
export function countFds(pid: number, procRoot = '/proc'): number {
	const path = `${procRoot}/${pid}/fd`;
	return kernelReportsFdCount(procRoot) ? fs.statSync(path).size : fs.readdirSync(path).length;
}
