import {fullQueue} from '../model/stats-alerts.js';
import type {DaemonLoad} from '../model/stats-rates.js';
import {sanitize, type Segment} from './text.js';

/** A rate for a cell: `0.4`, `37`, `12.3k`, `1.2M`. */
export function formatRate(value: number): string {
	const magnitude = Math.abs(value);
	if (magnitude < 10) {
		return (Math.round(value * 10) / 10).toString();
	}

	if (magnitude < 1000) {
		return String(Math.round(value));
	}

	for (const [scale, suffix] of [[1e3, 'k'], [1e6, 'M'], [1e9, 'G']] as const) {
		const scaled = value / scale;
		if (Math.abs(scaled) < 999.5) {
			return `${Math.abs(scaled) < 100 ? Math.round(scaled * 10) / 10 : Math.round(scaled)}${suffix}`;
		}
	}

	return `${Math.round(value / 1e9)}G`;
}

/**
 * The LOAD cell of a daemon's row, from its own statistics: what explains its CPU. analysisd
 * `12.3k ev/s 40 drop/s syscheck 93%`, remoted `3.2k msg/s 45 tcp`, wazuh-db `120 q/s 0.8 ms/q`,
 * agentd `connected 2 msg/s`, logcollector `300 ev/s`. A full queue or drops are yellow, red from
 * 90 %; a failed query says so, dim.
 */
export function loadSegments(load: DaemonLoad): Segment[] {
	if (!load.up) {
		return [{text: load.waiting ? 'stats: none yet' : 'stats: no answer', dim: true}];
	}

	const {values} = load;
	const segments: Segment[] = [];
	const rate = (value: number | undefined, unit: string): void => {
		if (value !== undefined) {
			segments.push({text: `${segments.length === 0 ? '' : ' '}${formatRate(value)} ${unit}`});
		}
	};

	if (values.agentConnected !== undefined) {
		segments.push(values.agentConnected === 1 ? {text: 'connected'} : {text: 'DISCONNECTED', color: 'red', bold: true});
	}

	rate(values.eventsReceived ?? values.logEvents, 'ev/s');
	rate(values.messagesReceived ?? values.agentMessagesSent, 'msg/s');
	rate(values.queries, 'q/s');
	const dropped = values.eventsDropped ?? values.messagesDiscarded ?? values.logDrops;
	if (dropped !== undefined && dropped > 0) {
		segments.push({text: ` ${formatRate(dropped)} drop/s`, color: 'red', bold: true});
	}

	if (values.tcpSessions !== undefined) {
		segments.push({text: ` ${formatRate(values.tcpSessions)} tcp`});
	}

	if (load.msPerQuery !== undefined) {
		segments.push({text: ` ${formatRate(load.msPerQuery)} ms/q`});
	}

	if (load.fullest !== undefined && load.fullest.usage >= 0.5) {
		const percent = Math.floor(load.fullest.usage * 100);
		segments.push({text: ` ${sanitize(load.fullest.name)} ${percent}%`, color: load.fullest.usage >= fullQueue ? 'red' : 'yellow', bold: load.fullest.usage >= fullQueue});
	}

	if (segments.length > 0 && segments[0]!.text.startsWith(' ')) {
		segments[0] = {...segments[0]!, text: segments[0]!.text.slice(1)};
	}

	return segments.length === 0 ? [{text: 'stats: waiting', dim: true}] : segments;
}
