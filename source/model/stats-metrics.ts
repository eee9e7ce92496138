import type {StatsValues} from './daemon-stats.js';
import type {MetricSpec} from './metric-spec.js';

/**
 * The registry of daemon statistics, the second kind of metric beside the per-process one
 * (process-metrics.ts): each key is the `StatsValues` property it reads. A counter is cumulative
 * and shown as a rate (per second, from deltas over the daemon's own timestamps, stats-rates.ts);
 * a gauge is shown as it is. The Prometheus families (label `daemon`, the process name) and the
 * live view's figures derive from here.
 */
export type StatsMetricDef = {
	readonly type: 'counter' | 'gauge';
	/** What one unit is, for the screen: `ev`, `msg`, `q`. */
	readonly unit: string;
	/** Its family; the `daemon` label names the daemon's process. */
	readonly prometheus: MetricSpec;
};

const counter = (family: string, help: string): MetricSpec => ({family, type: 'counter', help});
const gauge = (family: string, help: string): MetricSpec => ({family, type: 'gauge', help});

export const statsMetrics = {
	eventsReceived: {type: 'counter', unit: 'ev', prometheus: counter('wazuh_metrics_daemon_events_received', 'Events the daemon received (analysisd events.received; 5.x engine server.events.received)')},
	eventsProcessed: {type: 'counter', unit: 'ev', prometheus: counter('wazuh_metrics_daemon_events_processed', 'Events through rule matching (analysisd events.processed; 5.x router.events.processed)')},
	eventsDropped: {type: 'counter', unit: 'ev', prometheus: counter('wazuh_metrics_daemon_events_dropped', 'Events dropped (analysisd dropped breakdown summed; 5.x router and indexer drops)')},
	messagesReceived: {type: 'counter', unit: 'msg', prometheus: counter('wazuh_metrics_daemon_messages_received', 'Event messages received from agents (remoted)')},
	messagesDiscarded: {type: 'counter', unit: 'msg', prometheus: counter('wazuh_metrics_daemon_messages_discarded', 'Messages remoted discarded because its queue was full')},
	tcpSessions: {type: 'gauge', unit: 'tcp', prometheus: gauge('wazuh_metrics_daemon_tcp_sessions', 'Open TCP sessions with agents (remoted)')},
	queries: {type: 'counter', unit: 'q', prometheus: counter('wazuh_metrics_daemon_queries', 'Queries wazuh-db received')},
	querySeconds: {type: 'counter', unit: 's', prometheus: counter('wazuh_metrics_daemon_query_seconds', 'Time wazuh-db spent executing queries')},
	agentConnected: {type: 'gauge', unit: '', prometheus: gauge('wazuh_metrics_daemon_agent_connected', '1 when the agent is connected to its manager (agentd status), else 0')},
	agentMessagesSent: {type: 'counter', unit: 'msg', prometheus: counter('wazuh_metrics_daemon_agent_messages_sent', 'Messages the agent sent to its manager (agentd)')},
	agentBuffered: {type: 'gauge', unit: 'msg', prometheus: gauge('wazuh_metrics_daemon_agent_buffered_messages', 'Messages waiting in the agent\'s buffer (agentd)')},
	logEvents: {type: 'counter', unit: 'ev', prometheus: counter('wazuh_metrics_daemon_log_events', 'Events logcollector read, every location')},
	logDrops: {type: 'counter', unit: 'ev', prometheus: counter('wazuh_metrics_daemon_log_drops', 'Events logcollector dropped, every location and target')},
} as const satisfies Record<keyof StatsValues, StatsMetricDef>;

export type StatsMetric = keyof typeof statsMetrics;
export const allStatsMetrics = Object.keys(statsMetrics) as StatsMetric[];

/** The queue fill family: one series per daemon and queue, 0 to 1. */
export const queueUsageSpec: MetricSpec = gauge('wazuh_metrics_daemon_queue_usage_ratio', 'Fill of a daemon\'s queue, 0 to 1 (analysisd usage; remoted usage over size; 5.x percent / 100)');
/** 1 when the daemon's last statistics query or read succeeded. */
export const statsUpSpec: MetricSpec = gauge('wazuh_metrics_daemon_stats_up', '1 when the daemon\'s last statistics query or read succeeded, else 0');
