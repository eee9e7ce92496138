import path from 'node:path';
import type {StatsKind} from '../../model/daemon-stats.js';
import type {Installation} from '../../wazuh/installation.js';
import {processName} from '../../wazuh/reference.js';
import type {ParsedStats} from './parsed-stats.js';
import {parseAgentdState, parseAnalysisdState, parseLogcollectorState, parseRemotedState} from './state-files.js';

/*
 * Where each daemon of an installation publishes its statistics. Socket paths are Wazuh's
 * src/headers/defs.h (`ANLSYS_LOCAL_SOCK`, `REMOTE_LOCAL_SOCK`, `WDB_LOCAL_SOCK`), state files
 * `var/run/<daemon>.state` (`OS_PIDFILE`, and `LOGCOLLECTOR_STATE`).
 */

export type SourcePlan = {
	/** The process name in this installation (`wazuh-analysisd`, `wazuh-manager-analysisd`). */
	readonly daemon: string;
	readonly kind: StatsKind;
	readonly installation: Installation;
	/** The socket asked first: framed `getstats`, or the 5.x engine's HTTP. */
	readonly socket?: {readonly path: string; readonly protocol: 'getstats' | 'engine'};
	/** The state file: the only source, or the fallback of a 4.x socket that is absent or answers no JSON. */
	readonly stateFile?: {readonly path: string; readonly parse: (text: string, mtimeMs: number) => ParsedStats};
};

/** False when the installation's version is known to be older than 4.`minor`; an unknown version may be anything. */
function atLeast(version: string, minor: number): boolean {
	const match = /^(\d+)\.(\d+)/.exec(version);
	return match === null || Number(match[1]) > 4 || (Number(match[1]) === 4 && Number(match[2]) >= minor);
}

/** The statistics sources of one installation, in a fixed order. */
export function statsSources(installation: Installation): SourcePlan[] {
	const {folder, layout} = installation;
	const at = (relative: string): string => path.join(folder, relative);
	const name = (argument: string): string => processName(layout, argument, 'binary');
	const state = (argument: string, parse: (text: string, mtimeMs: number) => ParsedStats): SourcePlan['stateFile'] =>
		({path: at(`var/run/wazuh-${argument}.state`), parse});
	// logcollector's state file arrived in 4.2.
	const logcollector: SourcePlan[] = atLeast(installation.version, 2)
		? [{daemon: name('logcollector'), kind: 'logcollector', installation, stateFile: state('logcollector', parseLogcollectorState)}]
		: [];
	switch (layout) {
		case 'manager-5': {
			// The engine took analysisd's socket, and speaks HTTP on it; no daemon writes a state file.
			return [
				{daemon: name('analysisd'), kind: 'analysisd', installation, socket: {path: at('queue/sockets/analysis'), protocol: 'engine'}},
				{daemon: name('remoted'), kind: 'remoted', installation, socket: {path: at('queue/sockets/remote'), protocol: 'getstats'}},
				{daemon: name('db'), kind: 'wazuh-db', installation, socket: {path: at('queue/db/wdb'), protocol: 'getstats'}},
			];
		}

		case 'manager-4': {
			const getstats = atLeast(installation.version, 4);
			const socket = (relative: string): SourcePlan['socket'] => (getstats ? {path: at(relative), protocol: 'getstats'} : undefined);
			return [
				{daemon: name('analysisd'), kind: 'analysisd', installation, socket: socket('queue/sockets/analysis'), stateFile: state('analysisd', parseAnalysisdState)},
				{daemon: name('remoted'), kind: 'remoted', installation, socket: socket('queue/sockets/remote'), stateFile: state('remoted', parseRemotedState)},
				// wazuh-db publishes nothing before 4.4.
				...getstats ? [{daemon: name('db'), kind: 'wazuh-db', installation, socket: {path: at('queue/db/wdb'), protocol: 'getstats'}} as const] : [],
				...logcollector,
			];
		}

		case 'agent': {
			return [
				{daemon: name('agentd'), kind: 'agentd', installation, stateFile: state('agentd', parseAgentdState)},
				...logcollector,
			];
		}
	}
}
