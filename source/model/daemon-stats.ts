/**
 * What the statistics collector (source/collect/stats/) emits: the counters each Wazuh daemon
 * publishes about itself, read on their own cadence (`--stats-interval`), one `StatsSnapshot` per
 * round. Plain frozen data, like the process snapshots; rates are the model's business
 * (stats-rates.ts), from counter deltas over the daemon's own timestamps.
 */

/** Which daemon answers, as its statistics are shaped (not its process name, which varies by version). */
export type StatsKind = 'analysisd' | 'remoted' | 'wazuh-db' | 'agentd' | 'logcollector';

/**
 * Where the figures came from:
 * - `getstats`: the JSON request over the daemon's local socket (4.4 and later; remoted and
 *   wazuh-db on 5.x too);
 * - `engine`: the 5.x engine's `POST /metrics/dump` over HTTP on its local socket;
 * - `state-file`: `var/run/<daemon>.state`, rewritten by the daemon every few seconds (4.x).
 */
export type StatsSource = 'getstats' | 'engine' | 'state-file';

/** The normalised figures every consumer reads, by kind; see stats-metrics.ts for what each means. */
export type StatsValues = {
	/** Events received (analysisd; 5.x engine `server.events.received`), cumulative. */
	readonly eventsReceived?: number;
	/** Events through rule matching (analysisd; 5.x `router.events.processed`), cumulative. */
	readonly eventsProcessed?: number;
	/** Events dropped (analysisd's dropped breakdown summed, or `events_dropped`; 5.x router + indexer), cumulative. */
	readonly eventsDropped?: number;
	/** Event messages received from agents (remoted `messages.received_breakdown.event`, `evt_count`; 5.x `events`), cumulative. */
	readonly messagesReceived?: number;
	/** Messages discarded because remoted's queue was full, cumulative. */
	readonly messagesDiscarded?: number;
	/** Open TCP sessions with agents (remoted), now. */
	readonly tcpSessions?: number;
	/** Queries received (wazuh-db), cumulative. */
	readonly queries?: number;
	/** Time spent executing them (wazuh-db), seconds, cumulative. */
	readonly querySeconds?: number;
	/** 1 when the agent is connected to its manager, 0 otherwise (agentd `status`). */
	readonly agentConnected?: number;
	/** Messages sent by the agent to its manager (agentd), cumulative. */
	readonly agentMessagesSent?: number;
	/** Messages waiting in the agent's buffer (agentd), now. */
	readonly agentBuffered?: number;
	/** Events read by logcollector over every location (its `global` block), cumulative. */
	readonly logEvents?: number;
	/** Events logcollector dropped over every location and target (its `global` block), cumulative. */
	readonly logDrops?: number;
};

export type DaemonStats = {
	/** The daemon's process name, as the process snapshots name it (`wazuh-analysisd`, `wazuh-manager-analysisd`). */
	readonly daemon: string;
	readonly kind: StatsKind;
	readonly source: StatsSource;
	/** The socket or file read. */
	readonly path: string;
	/** The last query or read succeeded; when false the figures are absent and `problem` says why. */
	readonly up: boolean;
	readonly problem: string | undefined;
	/**
	 * Down only because nothing is published yet: the state file is not there (logcollector writes
	 * its first a minute after it starts; a 4.x daemon may have its state interval at 0). Not told
	 * as a failure.
	 */
	readonly waiting?: boolean;
	/**
	 * The daemon's own time of these figures, ms since the epoch: the reply's `timestamp`, the
	 * engine's, or the state file's modification time. Rates are taken over it, not over this
	 * tool's clock.
	 */
	readonly time: number | undefined;
	/** When the daemon started, ms since the epoch (getstats `uptime` is that epoch); undefined when unknown. */
	readonly started: number | undefined;
	readonly values: StatsValues;
	/** Fill of each queue the daemon reports, 0..1, by queue name (`syscheck`, `received`, `router`). */
	readonly queues: Readonly<Record<string, number>>;
	/**
	 * Every figure as read, by its path in the reply or its key in the file (`metrics.events.received`,
	 * `events_received`): what the recorder writes in Wazuh's own CSV formats.
	 */
	readonly raw: Readonly<Record<string, number | string>>;
	/** The reply's or file's shape (`4.4`, `4.8`, `4.13`, `5`, `state-4.0`, ...), as far as its keys tell. */
	readonly format: string;
};

export type StatsSnapshot = {
	/** 1 for the first round. */
	readonly round: number;
	/** This tool's wall-clock time of the round's start, ms since the epoch. */
	readonly time: number;
	readonly daemons: readonly DaemonStats[];
};
