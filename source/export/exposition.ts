import type {MetricFamily} from './families.js';

/**
 * Prometheus's text format 0.0.4 and OpenMetrics 1.0, written by hand: for 50 processes it is a
 * few hundred lines of string concatenation, and a client library would add a dependency and a
 * registry of its own beside the field registry (bench/export-scrape.ts measures the cost).
 */
export type ExpositionFormat = 'text' | 'openmetrics';

/** Label values may hold anything (a path, a process name): backslash, quote and newline are escaped in both formats. */
function escapeLabelValue(value: string): string {
	return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** `a="1",b="2"` in the given order. Names are ours (valid identifiers); values are escaped. */
export function labelPairs(labels: Readonly<Record<string, string>>): string {
	let result = '';
	for (const [name, value] of Object.entries(labels)) {
		result += `${result === '' ? '' : ','}${name}="${escapeLabelValue(value)}"`;
	}

	return result;
}

/** Go's ParseFloat reads JavaScript's shortest round-trip form (`0.1`, `1e+21`, `5e-7`) exactly. */
function formatValue(value: number): string {
	return String(value);
}

/**
 * One exposition. In the text format a counter's HELP and TYPE name the sample (`x_total`); in
 * OpenMetrics they name the family (`x`) and the text ends with `# EOF`. No timestamps: the scrape
 * time is the sample's time, as Prometheus recommends for exporters, and node_exporter's textfile
 * collector refuses them.
 */
export function renderExposition(families: readonly MetricFamily[], format: ExpositionFormat): string {
	let text = '';
	for (const {spec, samples} of families) {
		const sampleName = spec.type === 'counter' ? `${spec.family}_total` : spec.family;
		if (format === 'openmetrics') {
			text += `# TYPE ${spec.family} ${spec.type}\n# HELP ${spec.family} ${spec.help}\n`;
		} else {
			text += `# HELP ${sampleName} ${spec.help}\n# TYPE ${sampleName} ${spec.type}\n`;
		}

		for (const sample of samples) {
			text += sample.labels === '' ? `${sampleName} ${formatValue(sample.value)}\n` : `${sampleName}{${sample.labels}} ${formatValue(sample.value)}\n`;
		}
	}

	return format === 'openmetrics' ? `${text}# EOF\n` : text;
}
