/*
 * analysisd's statistics as Wazuh writes them, per version (keys and order of Wazuh's
 * src/analysisd/state.c at v4.4.0, v4.8.0, v4.14.7 for getstats; v4.3.11 and v4.14.7 for the
 * state file), with the figures a test chooses.
 */

export type AnalysisdFigures = {
	/** Epoch seconds. */
	readonly uptime: number;
	readonly timestamp: number;
	readonly received: number;
	readonly processed: number;
	/** Dropped events by leaf of `dropped_breakdown` (`modules_breakdown.syscheck`, `agent`, ...). */
	readonly dropped?: Readonly<Record<string, number>>;
	/** Queue fill (0..1) by getstats queue name. */
	readonly usage?: Readonly<Record<string, number>>;
	/** Include the eps block (`<limits><eps>` configured). */
	readonly eps?: boolean;
};

type Version = '4.4' | '4.8' | '4.14';

/** getstats' 15 queues, in emission order. */
export const analysisdQueues = ['alerts', 'archives', 'dbsync', 'eventchannel', 'firewall', 'fts', 'hostinfo', 'others', 'processed', 'rootcheck', 'sca', 'stats', 'syscheck', 'syscollector', 'upgrade'];

/** `decoded_breakdown` / `dropped_breakdown`, leaves from `values` (by dotted path), 0 elsewhere. */
function breakdown(version: Version, values: Readonly<Record<string, number>>): object {
	const leaf = (key: string): number => values[key] ?? 0;
	const modules = ['aws', 'azure', 'ciscat', 'command', 'docker', 'gcp', 'github', 'logcollector_breakdown', 'office365', 'ms-graph', 'oscap', 'osquery', 'rootcheck', 'sca', 'syscheck', 'syscollector', 'upgrade', 'vulnerability']
		.filter(name => name !== 'ms-graph' || version !== '4.4');
	return {
		agent: leaf('agent'),
		agentless: leaf('agentless'),
		dbsync: leaf('dbsync'),
		integrations_breakdown: {virustotal: leaf('integrations_breakdown.virustotal')},
		modules_breakdown: Object.fromEntries(modules.map(name => [name, name === 'logcollector_breakdown'
			? Object.fromEntries(['eventchannel', 'eventlog', 'macos', 'others'].map(each => [each, leaf(`modules_breakdown.logcollector_breakdown.${each}`)]))
			: leaf(`modules_breakdown.${name}`)])),
		monitor: leaf('monitor'),
		remote: leaf('remote'),
		syslog: leaf('syslog'),
	};
}

/** The getstats reply of analysisd `version`, as the object sent (JSON.stringify it for the wire). */
export function analysisdGetstats(version: Version, figures: AnalysisdFigures): object {
	const eps = version === '4.4'
		? {available_credits: 750, events_dropped: 0, seconds_over_limit: 0}
		: {available_credits: 750, available_credits_prev: 812, events_dropped: 0, events_dropped_not_eps: 0, seconds_over_limit: 0};
	return {
		error: 0,
		message: 'ok',
		data: {
			uptime: figures.uptime,
			timestamp: figures.timestamp,
			name: 'wazuh-analysisd',
			metrics: {
				bytes: {received: figures.received * 200},
				...figures.eps ? {eps} : {},
				events: {
					processed: figures.processed,
					received: figures.received,
					received_breakdown: {
						decoded_breakdown: breakdown(version, {'modules_breakdown.logcollector_breakdown.others': figures.processed}),
						dropped_breakdown: breakdown(version, figures.dropped ?? {}),
					},
					written_breakdown: {alerts: Math.floor(figures.processed / 100), archives: 0, firewall: 0, fts: 3, stats: 0},
				},
				queues: Object.fromEntries(analysisdQueues.map(name => [name, {size: 16_384, usage: figures.usage?.[name] ?? 0}])),
			},
		},
	};
}

/** The state file's queues: its name, and the getstats name of the same queue (none for upgrade before 4.1). */
const stateQueues: ReadonlyArray<readonly [file: string, comment: string, getstats: string]> = [
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
];

export type AnalysisdStateFigures = {
	readonly received: number;
	readonly processed: number;
	readonly dropped: number;
	/** Queue fill (0..1) by getstats queue name; printed `%.2f` like Wazuh. */
	readonly usage?: Readonly<Record<string, number>>;
};

/**
 * `var/run/wazuh-analysisd.state`: 4.3 (per-interval counts with `*_edps` rates, interval 5 s) or
 * 4.14 (cumulative, the DEPRECATED line).
 */
export function analysisdState(version: '4.3' | '4.14', figures: AnalysisdStateFigures): string {
	const old = version === '4.3';
	const lines = ['# State file for wazuh-analysisd', ...old ? [] : ['# THIS FILE WILL BE DEPRECATED IN FUTURE VERSIONS'], ''];
	const block = (comment: string, ...pairs: Array<[string, number | string]>): void => {
		lines.push(`# ${comment}`, ...pairs.map(([key, value]) => `${key}='${value}'`), '');
	};

	const rate = (count: number): number => Math.floor(count / 5);
	const decoded: Array<[string, string, number]> = [
		['syscheck', 'Syscheck events decoded', 0],
		['syscollector', 'Syscollector events decoded', 0],
		['rootcheck', 'Rootcheck events decoded', 0],
		['sca', 'Security configuration assessment events decoded', 0],
		...old ? [['hostinfo', 'Hostinfo events decoded', 0] as [string, string, number]] : [],
		['winevt', 'Winevt events decoded', 0],
	];
	block('Total events decoded', ['total_events_decoded', figures.processed]);
	for (const [name, comment, count] of decoded) {
		block(comment, [`${name}_events_decoded`, count], ...old ? [[`${name}_edps`, rate(count)] as [string, number]] : []);
	}

	block('Database synchronization messages dispatched', ['dbsync_messages_dispatched', 0], ...old ? [['dbsync_mdps', 0] as [string, number]] : []);
	block('Other events decoded', ['other_events_decoded', figures.processed], ...old ? [['other_events_edps', rate(figures.processed)] as [string, number]] : []);
	block('Events processed (Rule matching)', ['events_processed', figures.processed], ...old ? [['events_edps', rate(figures.processed)] as [string, number]] : []);
	block('Events received', ['events_received', figures.received]);
	block('Events dropped', ['events_dropped', figures.dropped]);
	block('Alerts written to disk', ['alerts_written', 0]);
	block('Firewall alerts written to disk', ['firewall_written', 0]);
	block('FTS alerts written to disk', ['fts_written', 0]);
	for (const [file, comment, getstats] of stateQueues) {
		block(comment, [`${file}_queue_usage`, (figures.usage?.[getstats] ?? 0).toFixed(2)]);
		block(`${comment} size`, [`${file}_queue_size`, 16_384]);
	}

	return `${lines.join('\n').trimEnd()}\n`;
}
