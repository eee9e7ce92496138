/*
 * The agent's state files as Wazuh writes them: `wazuh-agentd.state` (Wazuh's
 * src/client-agent/state.c, 4.0 without `msg_buffer`, 4.2 and later with it) and
 * `wazuh-logcollector.state` (src/logcollector/state.c, 4.2 and later: JSON printed by cJSON_Print,
 * tab-indented), with the figures a test chooses.
 */

export type AgentdFigures = {
	readonly status: 'pending' | 'connected' | 'disconnected';
	readonly sent: number;
	/** undefined: the anti-flooding buffer is disabled (an empty value). */
	readonly buffered?: number;
};

export function agentdState(version: '4.0' | '4.2', figures: AgentdFigures): string {
	const lines = [
		'# State file for wazuh-agentd',
		'',
		'# Agent status:',
		'# - pending:      waiting to get connected.',
		'# - connected:    connection established with manager in the last 10 seconds.',
		'# - disconnected: connection lost or no ACK received in the last 60 seconds.',
		`status='${figures.status}'`,
		'',
		'# Last time a keepalive was sent',
		'last_keepalive=\'2025-08-07 10:00:02\'',
		'',
		'# Last time a control message was received',
		'last_ack=\'2025-08-07 10:00:03\'',
		'',
		'# Number of generated events',
		`msg_count='${figures.sent - 211}'`,
		'',
		'# Number of messages (events + control messages) sent to the manager',
		`msg_sent='${figures.sent}'`,
	];
	if (version === '4.2') {
		lines.push('', '# Number of events currently buffered', '# Empty if anti-flooding mechanism is disabled', `msg_buffer='${figures.buffered ?? ''}'`);
	}

	return `${lines.join('\n')}\n`;
}

export type LogcollectorFile = {readonly location: string; readonly events: number; readonly drops: readonly number[]};

/** cJSON_Print's layout: tabs, `"key":\tvalue`; only the `global` figures are chosen, `interval` is a tenth of them. */
export function logcollectorState(files: readonly LogcollectorFile[]): string {
	const block = (start: string, end: string, share: number): object => ({
		start,
		end,
		files: files.map(file => ({
			location: file.location,
			events: Math.floor(file.events * share),
			bytes: Math.floor(file.events * share) * 200,
			targets: file.drops.map((drops, index) => ({name: index === 0 ? 'agent' : `socket-${index}`, drops: Math.floor(drops * share)})),
		})),
	});
	const state = {
		global: block('2025-08-07 09:00:00', '2025-08-07 10:00:00', 1),
		interval: block('2025-08-07 09:59:00', '2025-08-07 10:00:00', 0.1),
	};
	return `${JSON.stringify(state, null, '\t').replace(/": /g, '":\t')}\n`;
}
