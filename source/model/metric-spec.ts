/**
 * How a registry field is exposed to Prometheus. It lives on the field itself (process-fields.ts,
 * disk-fields.ts), so the CSV, the UI and the exposition are generated from one list and cannot
 * drift: a field without a `metric` is simply not exported (percentages and per-second rates, which
 * Prometheus computes itself with rate()).
 */
export type MetricSpec = {
	/**
	 * Family name by Prometheus's conventions (`wazuh_metrics_` prefix, base units as a suffix).
	 * For a counter it is given without `_total`: that is OpenMetrics's family name, and the samples
	 * (and the classic format's TYPE line) add the suffix.
	 */
	readonly family: string;
	readonly type: 'gauge' | 'counter';
	/** One line, without backslashes, quotes or newlines (they would need escaping). */
	readonly help: string;
	/** Labels that set this field apart from the others of its family (`mode="user"` of the CPU seconds). */
	readonly labels?: Readonly<Record<string, string>>;
	/** Multiplies the raw value into the family's base unit (ms since the epoch to seconds: 0.001). */
	readonly scale?: number;
};
