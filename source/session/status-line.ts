import type {Snapshot} from '../model/snapshot.js';
import type {RecorderProgress} from '../model/feed.js';

/**
 * The one short line headless mode prints per health check:
 * `2026/11/24 22:53:04 7 running, 1 down (db 2/10) · 23 processes · 1234 rows -> /tmp/...`
 */
export function statusLine(snapshot: Snapshot, recording: RecorderProgress | undefined, retries: number): string {
	const counts = new Map<string, string[]>();
	for (const daemon of snapshot.daemons) {
		const status = daemon.status === 'restarted' ? 'running' : daemon.status;
		const detail = status === 'down' ? `${daemon.argument} ${daemon.failedChecks}/${retries}` : daemon.argument;
		counts.set(status, [...counts.get(status) ?? [], detail]);
	}

	const parts = [...counts].map(([status, names]) =>
		status === 'running' ? `${names.length} running` : `${names.length} ${status} (${names.join(', ')})`);
	const processes = snapshot.samples.length;
	let line = `${snapshot.timestamp} ${parts.join(', ')} · ${processes} process${processes === 1 ? '' : 'es'}`;
	if (recording !== undefined) {
		line += ` · ${recording.rowsWritten} rows -> ${recording.folder}`;
		if (recording.error !== undefined) {
			line += ` · WRITE FAILING: ${recording.error} (${recording.pendingRows} rows waiting)`;
		}
	}

	return line;
}
