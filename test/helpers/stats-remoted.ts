/*
 * remoted's statistics as Wazuh writes them, per version (keys and order of Wazuh's
 * src/remoted/state.c: getstats at v4.4.0, v4.14.7 and 5.x main; the state file at v4.0.0,
 * v4.3.11 and v4.14.7), with the figures a test chooses.
 */

export type RemotedFigures = {
	/** Epoch seconds. */
	readonly uptime: number;
	readonly timestamp: number;
	readonly events: number;
	readonly discarded: number;
	readonly tcpSessions: number;
	/** Queued now (messages in 4.x, bytes on 5.x) of `queueSize`. */
	readonly queued: number;
	readonly queueSize: number;
};

/** The getstats reply of remoted `version`, as the object sent. */
export function remotedGetstats(version: '4.4' | '4.14' | '5', figures: RemotedFigures): object {
	const five = version === '5';
	const receivedBreakdown = five
		? {
			control: 7204,
			control_breakdown: {keepalive: 7100, request: 3, shutdown: 1, startup: 100},
			events_failed: 0,
			dequeued_after: 0,
			discarded: figures.discarded,
			events: figures.events,
			states: 0,
			ping: 0,
			unknown: 0,
			upgrade_ack: 0,
		}
		: {
			control: 7204,
			control_breakdown: {keepalive: 7100, request: 3, shutdown: 1, startup: 100},
			dequeued_after: 0,
			discarded: figures.discarded,
			event: figures.events,
			ping: 0,
			unknown: 4,
		};
	const sentBreakdown = five
		? {ack: 7200, ar: 0, discarded: 0, request: 3, shared: 10}
		: {ack: 7200, ar: 0, discarded: 0, request: 3, sca: 0, shared: 10};
	return {
		error: 0,
		message: 'ok',
		data: {
			uptime: figures.uptime,
			timestamp: figures.timestamp,
			name: 'wazuh-remoted',
			metrics: {
				bytes: {received: figures.events * 400, sent: 3_456_789},
				keys_reload_count: 2,
				messages: {received_breakdown: receivedBreakdown, sent_breakdown: sentBreakdown},
				queues: {received: {size: figures.queueSize, usage: figures.queued}},
				tcp_sessions: figures.tcpSessions,
				...version === '4.4' ? {} : {
					control_messages_queue_usage: 3,
					control_messages_queue_breakdown: {inserted: 7204, replaced: 12, processed: 7201},
				},
			},
		},
	};
}

/** `var/run/wazuh-remoted.state` of `version` (4.0–4.2, 4.3, or 4.13–4.14). */
export function remotedState(version: '4.0' | '4.3' | '4.14', figures: Omit<RemotedFigures, 'uptime' | 'timestamp'>): string {
	const lines = ['# State file for wazuh-remoted', ...version === '4.14' ? ['# THIS FILE WILL BE DEPRECATED IN FUTURE VERSIONS'] : [], '# Updated every 5 seconds.', ''];
	const block = (comment: string, ...pairs: Array<[string, number]>): void => {
		lines.push(`# ${comment}`, ...pairs.map(([key, value]) => `${key}='${value}'`), '');
	};

	block('Queue size', ['queue_size', figures.queued]);
	block('Total queue size', ['total_queue_size', figures.queueSize]);
	block('TCP sessions', ['tcp_sessions', figures.tcpSessions]);
	block('Events sent to Analysisd', ['evt_count', figures.events]);
	block('Control messages received', ['ctrl_msg_count', 7204]);
	block('Discarded messages', ['discarded_count', figures.discarded]);
	if (version === '4.0') {
		block('Messages sent', ['msg_sent', 7310]);
	} else {
		if (version === '4.3') {
			block('Messages queued', ['queued_msgs', 0]);
		}

		block('Total number of bytes sent', ['sent_bytes', 3_456_789]);
	}

	block('Total number of bytes received', ['recv_bytes', figures.events * 400]);
	block('Messages dequeued after the agent closes the connection', ['dequeued_after_close', 0]);
	if (version === '4.14') {
		block('Control messages queue usage', ['ctrl_msg_queue_usage', 3]);
		block('Control messages queue breakdown', ['ctrl_msg_queue_inserted', 7204], ['ctrl_msg_queue_replaced', 12], ['ctrl_msg_queue_processed', 7201]);
		return lines.join('\n'); // 4.13+ ends with a blank line.
	}

	return lines.join('\n').trimEnd();
}
