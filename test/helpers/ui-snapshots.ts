import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import type {DaemonState, DiskSample, DiskSnapshot, ProcessSample, Snapshot} from '../../source/model/snapshot.js';
import type {SessionFeed, SessionInfo} from '../../source/model/feed.js';
import {HistoryStore} from '../../source/model/history-store.js';

/** Synthetic data for UI tests: shaped like the collector's output, with values chosen by the test. */

const mib = 1024 * 1024;

export function sample(name: string, overrides: Partial<ProcessSample> = {}): ProcessSample {
	const match = /^(.*)_child_(\d+)$/.exec(name);
	const daemon = match?.[1] ?? name;
	const childIndex = match ? Number(match[2]) : 0;
	return {
		role: name,
		daemon,
		childIndex,
		pid: 1000 + childIndex,
		ppid: 1,
		comm: daemon.slice(0, 15),
		cpuPercent: 1.5,
		cpuUserPercent: 1,
		cpuSystemPercent: 0.5,
		vms: 300 * mib,
		rss: 20 * mib,
		uss: 12 * mib,
		pss: 15 * mib,
		swap: 0,
		fd: 24,
		threads: 2,
		readOps: 100,
		writeOps: 200,
		diskRead: 4096,
		diskWritten: 8192,
		diskReadSpeed: 0,
		diskWriteSpeed: 2048,
		cpuUserSeconds: 12.34,
		cpuSystemSeconds: 5.67,
		startTime: 1_735_689_600,
		...overrides,
	};
}

export function daemonState(name: string, overrides: Partial<DaemonState> = {}): DaemonState {
	return {
		name,
		argument: name.replace(/^wazuh[-_]/, '').replace(/\.py$/, ''),
		status: 'running',
		pid: 1000,
		restarts: 0,
		failedChecks: 0,
		unreadable: [],
		...overrides,
	};
}

export function snapshot(tick: number, samples: readonly ProcessSample[], daemons?: readonly DaemonState[]): Snapshot {
	const time = Date.UTC(2025, 0, 1, 12, 0, 0) + (tick * 1000);
	const names = [...new Set(samples.map(s => s.daemon))];
	return {
		tick,
		time,
		timestamp: `2025/01/01 12:${String(Math.floor(tick / 60) % 60).padStart(2, '0')}:${String(tick % 60).padStart(2, '0')}`,
		interval: 1,
		wazuhVersion: '4.9.0',
		samples,
		daemons: daemons ?? names.map(name => daemonState(name, {pid: samples.find(s => s.role === name)?.pid})),
		sampleSeconds: 0.002,
	};
}

/**
 * A manager-like fleet: analysisd alone, modulesd with 3 children, wazuh-db with 1, apid (a Python
 * daemon) with 2, and remoted down. PIDs are distinct and stable.
 */
export function fleet(tick = 1, cpu: (name: string) => number = () => 1.5): Snapshot {
	const roles: Array<[string, number]> = [
		['wazuh-analysisd', 2101],
		['wazuh-modulesd', 2201],
		['wazuh-modulesd_child_1', 2202],
		['wazuh-modulesd_child_2', 2203],
		['wazuh-modulesd_child_3', 2204],
		['wazuh-db', 2301],
		['wazuh-db_child_1', 2302],
		['wazuh_apid.py', 2401],
		['wazuh_apid.py_child_1', 2402],
		['wazuh_apid.py_child_2', 2403],
	];
	const samples = roles.map(([name, pid], index) => sample(name, {pid, cpuPercent: cpu(name), rss: (10 + index) * mib}));
	const daemons = [
		daemonState('wazuh-analysisd', {pid: 2101}),
		daemonState('wazuh-modulesd', {pid: 2201}),
		daemonState('wazuh-db', {pid: 2301}),
		daemonState('wazuh_apid.py', {pid: 2401}),
		daemonState('wazuh-remoted', {status: 'down', pid: undefined, failedChecks: 2}),
	];
	return snapshot(tick, samples, daemons);
}

export function diskSample(path: string, overrides: Partial<DiskSample> = {}): DiskSample {
	return {
		file: path.split('/').at(-1) ?? path,
		path,
		exists: true,
		size: 5 * mib,
		usagePercent: 0.0123,
		mtime: 0,
		atime: 0,
		ctime: 0,
		isDirectory: false,
		problem: undefined,
		...overrides,
	};
}

export function diskSnapshot(tick: number, samples: readonly DiskSample[]): DiskSnapshot {
	const time = Date.UTC(2025, 0, 1, 12, 0, 0) + (tick * 1000);
	return {tick, time, timestamp: '2025/01/01 12:00:00', samples};
}

export function sessionInfo(overrides: Partial<SessionInfo> = {}): SessionInfo {
	return {
		host: 'manager-01',
		wazuhVersion: '4.9.0',
		interval: 1,
		source: 'live',
		demo: false,
		root: true,
		location: '/tmp/process_metrics/wazuh-metrics.log',
		daemons: ['wazuh-analysisd', 'wazuh-modulesd', 'wazuh-db', 'wazuh_apid.py', 'wazuh-remoted'],
		diskPaths: [],
		...overrides,
	};
}

/**
 * Renders with ink-testing-library at a chosen width: its fake stdout is fixed at 100 columns, so
 * the width is overridden and the tree rendered again (Ink reads the width on every layout).
 */
export function renderAt(columns: number, node: ReactElement): ReturnType<typeof render> & {text: () => string[]} {
	const result = render(node);
	Object.defineProperty(result.stdout, 'columns', {get: () => columns, configurable: true});
	result.rerender(node);
	return {...result, text: () => stripVTControlCharacters(result.lastFrame() ?? '').split('\n')};
}

/** A live model for a test: a history store listening to `feed`, as the session wires it. */
export function liveStore(feed: SessionFeed): HistoryStore {
	const store = new HistoryStore();
	store.attach(feed);
	return store;
}
