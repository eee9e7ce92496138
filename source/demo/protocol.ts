import type {FakeDaemon} from './shape.js';

/** What a fake prints on stdout once it and its long-lived children are set up. */
export const readyLine = 'ready';

/** Caller -> supervisor, over the IPC channel. */
export type Request =
	| {id: number; op: 'start-fleet'; daemons: FakeDaemon[]; decoy: boolean}
	| {id: number; op: 'start' | 'restart'; name: string}
	| {id: number; op: 'kill'; name: string; signal: NodeJS.Signals}
	| {id: number; op: 'stop'};

/** Current main pid of every daemon (null when down) and of the decoy. */
export type PidReport = {type: 'pids'; pids: Record<string, number | null>; decoyPid: number | null};

export type Reply = {type: 'reply'; id: number} & ({ok: true; pid?: number} | {ok: false; error: string});

/** Supervisor -> caller. A pid report always precedes the reply of the request that caused it. */
export type SupervisorMessage = PidReport | Reply;
