/** Snapshots of a made-up fleet with exactly `rows` processes, changing every tick like a live one. */
import type {DaemonState, ProcessSample, Snapshot} from '../../source/model/snapshot.js';
import {formatTimestamp} from '../../source/model/timestamp.js';

export const syntheticDaemons = ['wazuh-analysisd', 'wazuh-remoted', 'wazuh-db', 'wazuh-modulesd'];
/** First synthetic PID; high enough not to look like a real low PID. */
export const firstPid = 400_000;

export function syntheticSnapshot(rows: number, tick: number, interval: number): Snapshot {
	const samples: ProcessSample[] = [];
	const perDaemon = Math.ceil(rows / syntheticDaemons.length);
	for (let index = 0; index < rows; index++) {
		const daemon = syntheticDaemons[Math.floor(index / perDaemon)]!;
		const childIndex = index % perDaemon;
		const wave = Math.sin((tick + index) / 5);
		samples.push({
			role: childIndex === 0 ? daemon : `${daemon}_child_${childIndex}`,
			daemon,
			childIndex,
			pid: firstPid + index,
			ppid: childIndex === 0 ? 1 : firstPid + (index - childIndex),
			comm: daemon.slice(0, 15),
			cpuPercent: 20 + (20 * wave),
			cpuUserPercent: 16 + (16 * wave),
			cpuSystemPercent: 4 + (4 * wave),
			vms: 900_000_000 + (index * 1_000_000),
			rss: (50_000_000 + (index * 100_000)) + (tick * 4096),
			uss: 30_000_000 + (tick * 2048),
			pss: 40_000_000 + (tick * 3072),
			swap: 0,
			fd: 20 + ((tick + index) % 40),
			threads: 4,
			readOps: tick * 10,
			writeOps: tick * 20,
			diskRead: tick * 4096,
			diskWritten: tick * 8192,
			diskReadSpeed: 4096 * (1 + wave),
			diskWriteSpeed: 8192 * (1 - wave),
			cpuUserSeconds: (tick * 0.17) + (index * 3.01),
			cpuSystemSeconds: (tick * 0.03) + (index * 0.52),
			startTime: 1_764_000_000 + index,
		});
	}

	const daemons: DaemonState[] = syntheticDaemons.map((name, index) => ({
		name,
		argument: name.replace(/^wazuh-/, ''),
		status: 'running',
		pid: firstPid + (index * perDaemon),
		restarts: 0,
		failedChecks: 0,
		unreadable: [],
	}));
	const time = Date.now();
	return {tick, time, timestamp: formatTimestamp(time), interval, wazuhVersion: '4.9.0', samples, daemons, sampleSeconds: 0.004};
}
