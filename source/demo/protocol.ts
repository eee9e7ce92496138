import type {FakeDaemon} from './shape.js';

/** What a fake prints on stdout once it and its long-lived children are set up. */
export const readyLine = 'ready';

/**
 * Caller -> supervisor, over the IPC channel: all the product asks, and all supervisor.ts accepts.
 * Any other request gets an error reply (the test suite's own supervisor adds some, see
 * supervisor-core.ts).
 */
export type Request =
	| {id: number; op: 'start-fleet'; daemons: FakeDaemon[]; decoy: boolean}
	| {id: number; op: 'stop'};

/** A request a supervisor extension may understand: any op, any fields. */
export type OtherRequest = {id: number; op: string; [field: string]: unknown};

/** Current main pid of every daemon (null when down) and of the decoy. */
export type PidReport = {type: 'pids'; pids: Record<string, number | null>; decoyPid: number | null};

type Reply = {type: 'reply'; id: number} & ({ok: true; pid?: number} | {ok: false; error: string});

/** Supervisor -> caller. A pid report always precedes the reply of the request that caused it. */
export type SupervisorMessage = PidReport | Reply;
