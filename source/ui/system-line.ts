import type {DaemonState, SystemSample} from '../model/snapshot.js';
import {formatBytes} from './format.js';
import {fitLine, type Line, lineWidth, type Segment} from './text.js';

/** `3d 04h`, `5h 07m`, `12m`: how long the host has been up, in two units at most. */
export function formatUptime(seconds: number): string {
	const total = Math.max(0, Math.floor(seconds));
	const days = Math.floor(total / 86_400);
	const hours = Math.floor((total % 86_400) / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	if (days > 0) {
		return `${days}d ${String(hours).padStart(2, '0')}h`;
	}

	return hours > 0 ? `${hours}h ${String(minutes).padStart(2, '0')}m` : `${minutes}m`;
}

/** Daemons running (restarted ones run too) and the others (down or given up). */
export function daemonCounts(daemons: readonly DaemonState[]): {running: number; down: number} {
	const running = daemons.filter(daemon => daemon.status === 'running' || daemon.status === 'restarted').length;
	return {running, down: daemons.length - running};
}

/**
 * The host line under the status lines, like top's summary: load, CPU use of all cores and how many
 * there are, memory and swap used of total, uptime, then the daemons running and down. Parts the
 * host does not expose are left out; the daemon count is last and is kept when the line is cut.
 */
export function systemLine(system: SystemSample | undefined, daemons: readonly DaemonState[] | undefined, width: number): Line {
	const label = (text: string): Segment => ({text, dim: true});
	const parts: Segment[][] = [];
	if (system?.load !== undefined) {
		const {one, five, fifteen} = system.load;
		parts.push([label('load '), {text: `${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)}`}]);
	}

	if (system?.cores !== undefined) {
		const use = system.cpuPercent === undefined ? '-' : `${system.cpuPercent.toFixed(1)}%`;
		parts.push([label('cpu '), {text: use, bold: true}, label(` of ${system.cores} core${system.cores === 1 ? '' : 's'}`)]);
	}

	if (system?.memTotal !== undefined && system.memAvailable !== undefined) {
		parts.push([label('mem '), {text: `${formatBytes(system.memTotal - system.memAvailable)}/${formatBytes(system.memTotal)}`}]);
	}

	if (system?.swapTotal !== undefined && system.swapFree !== undefined) {
		parts.push([label('swap '), {text: `${formatBytes(system.swapTotal - system.swapFree)}/${formatBytes(system.swapTotal)}`}]);
	}

	if (system?.uptime !== undefined) {
		parts.push([label('up '), {text: formatUptime(system.uptime)}]);
	}

	const counts: Segment[] = [];
	if (daemons !== undefined && daemons.length > 0) {
		const {running, down} = daemonCounts(daemons);
		counts.push({text: `${running} running`, color: 'green'}, {text: ', '}, {text: `${down} down`, color: down > 0 ? 'red' : undefined, dim: down === 0});
	}

	// Whole parts or nothing (a cut number would read as another value); the daemons, last, are
	// kept first, then the host figures in order while they fit.
	let room = width - lineWidth(counts);
	const kept: Segment[] = [];
	for (const part of parts) {
		const gap = kept.length === 0 ? 0 : 2;
		const needed = gap + lineWidth(part) + (counts.length > 0 ? 2 : 0);
		if (needed > room) {
			break;
		}

		kept.push(...(gap === 0 ? [] : [label('  ')]), ...part);
		room -= gap + lineWidth(part);
	}

	return fitLine([...kept, ...(kept.length > 0 && counts.length > 0 ? [label('  ')] : []), ...counts], width);
}