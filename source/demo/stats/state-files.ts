import fs from 'node:fs';
import {type AnalysisdModel, decodedPath, droppedPath} from './analysisd.js';
import type {RemotedModel} from './remoted.js';

/**
 * The 4.x state files, `var/run/<daemon>.state`, as 4.4 to 4.14 write them (Wazuh's
 * src/analysisd/state.c `w_analysisd_write_state`, src/remoted/state.c): comment lines, blank lines
 * between blocks, `key='value'` lines, cumulative counters; written to `<path>.temp` and renamed.
 */

type Block = readonly [comment: string, ...lines: ReadonlyArray<readonly [key: string, value: string]>];

const render = (header: readonly string[], blocks: readonly Block[]) =>
	[...header, ...blocks.map(([comment, ...lines]) => ['', `# ${comment}`, ...lines.map(([key, value]) => `${key}='${value}'`)].join('\n'))].join('\n') + '\n';

/** The decoder counters the file sums (`total_events_decoded`, `events_dropped`). */
const summed = ['modules_breakdown.syscheck', 'modules_breakdown.syscollector', 'modules_breakdown.rootcheck', 'modules_breakdown.sca', 'modules_breakdown.logcollector_breakdown.eventchannel', 'dbsync', 'modules_breakdown.upgrade', 'modules_breakdown.ciscat', 'syslog', 'modules_breakdown.logcollector_breakdown.others'];
const other = ['modules_breakdown.upgrade', 'modules_breakdown.ciscat', 'syslog', 'modules_breakdown.logcollector_breakdown.others'];

/** File queue name, its comment, the getstats queue. The file has no `fts` queue. */
const fileQueues = [
	['syscheck', 'Syscheck queue', 'syscheck'],
	['syscollector', 'Syscollector queue', 'syscollector'],
	['rootcheck', 'Rootcheck queue', 'rootcheck'],
	['sca', 'Security configuration assessment queue', 'sca'],
	['hostinfo', 'Hostinfo queue', 'hostinfo'],
	['winevt', 'Winevt queue', 'eventchannel'],
	['dbsync', 'Database synchronization message queue', 'dbsync'],
	['upgrade', 'Upgrade module message queue', 'upgrade'],
	['event', 'Event queue', 'others'],
	['rule_matching', 'Rule matching queue', 'processed'],
	['alerts', 'Alerts log queue', 'alerts'],
	['firewall', 'Firewall log queue', 'firewall'],
	['statistical', 'Statistical log queue', 'stats'],
	['archives', 'Archives log queue', 'archives'],
] as const;

export function analysisdStateFile(model: AnalysisdModel, now: number): string {
	model.advanceTo(now);
	const {counters} = model;
	const sum = (prefix: string, paths: readonly string[]) => String(paths.reduce((total, path) => total + counters.get(prefix + path), 0));
	const decoded = (path: string) => String(counters.get(decodedPath + path));
	const count = (path: string) => String(counters.get(path));
	const blocks: Block[] = [
		['Total events decoded', ['total_events_decoded', sum(decodedPath, summed)]],
		['Syscheck events decoded', ['syscheck_events_decoded', decoded('modules_breakdown.syscheck')]],
		['Syscollector events decoded', ['syscollector_events_decoded', decoded('modules_breakdown.syscollector')]],
		['Rootcheck events decoded', ['rootcheck_events_decoded', decoded('modules_breakdown.rootcheck')]],
		['Security configuration assessment events decoded', ['sca_events_decoded', decoded('modules_breakdown.sca')]],
		['Winevt events decoded', ['winevt_events_decoded', decoded('modules_breakdown.logcollector_breakdown.eventchannel')]],
		['Database synchronization messages dispatched', ['dbsync_messages_dispatched', decoded('dbsync')]],
		['Other events decoded', ['other_events_decoded', sum(decodedPath, other)]],
		['Events processed (Rule matching)', ['events_processed', count('events.processed')]],
		['Events received', ['events_received', count('events.received')]],
		['Events dropped', ['events_dropped', sum(droppedPath, summed)]],
		['Alerts written to disk', ['alerts_written', count('events.written_breakdown.alerts')]],
		['Firewall alerts written to disk', ['firewall_written', count('events.written_breakdown.firewall')]],
		['FTS alerts written to disk', ['fts_written', count('events.written_breakdown.fts')]],
	];
	for (const [name, comment, queue] of fileQueues) {
		const {size, usage} = model.queue(queue);
		blocks.push([comment, [`${name}_queue_usage`, usage.toFixed(2)]], [`${comment} size`, [`${name}_queue_size`, String(size)]]);
	}

	return render(['# State file for wazuh-analysisd', '# THIS FILE WILL BE DEPRECATED IN FUTURE VERSIONS'], blocks);
}

/** 4.13 and 4.14: the control queue's keys at the end, and a blank line after them. */
export function remotedStateFile(model: RemotedModel, now: number, intervalSeconds: number): string {
	model.advanceTo(now);
	const count = (path: string) => String(model.counters.get(path));
	const received = (key: string) => count(`messages.received_breakdown.${key}`);
	const control = ['keepalive', 'request', 'shutdown', 'startup'].reduce((sum, key) => sum + model.counters.get(`messages.received_breakdown.control_breakdown.${key}`), 0);
	const blocks: Block[] = [
		['Queue size', ['queue_size', String(model.queue.usage)]],
		['Total queue size', ['total_queue_size', String(model.queue.size)]],
		['TCP sessions', ['tcp_sessions', count('tcp_sessions')]],
		['Events sent to Analysisd', ['evt_count', received('event')]],
		['Control messages received', ['ctrl_msg_count', String(control)]],
		['Discarded messages', ['discarded_count', received('discarded')]],
		['Total number of bytes sent', ['sent_bytes', count('bytes.sent')]],
		['Total number of bytes received', ['recv_bytes', count('bytes.received')]],
		['Messages dequeued after the agent closes the connection', ['dequeued_after_close', received('dequeued_after')]],
		['Control messages queue usage', ['ctrl_msg_queue_usage', count('control_messages_queue_usage')]],
		[
			'Control messages queue breakdown',
			['ctrl_msg_queue_inserted', count('control_messages_queue_breakdown.inserted')],
			['ctrl_msg_queue_replaced', count('control_messages_queue_breakdown.replaced')],
			['ctrl_msg_queue_processed', count('control_messages_queue_breakdown.processed')],
		],
	];
	const header = ['# State file for wazuh-remoted', '# THIS FILE WILL BE DEPRECATED IN FUTURE VERSIONS', `# Updated every ${intervalSeconds} seconds.`];
	return render(header, blocks) + '\n';
}

/** Writes `<file>.temp` and renames it over `file`, so a reader sees the old file or the new one. */
export function writeStateFile(file: string, text: string, mode: number): void {
	const temporary = `${file}.temp`;
	try {
		// Never through a symlink: only this process writes in the fleet's var/run.
		const fd = fs.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW, mode);
		try {
			fs.writeFileSync(fd, text);
			fs.fchmodSync(fd, mode);
		} finally {
			fs.closeSync(fd);
		}

		fs.renameSync(temporary, file);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw error;
	}
}
