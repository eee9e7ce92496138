import type {ExpositionFormat} from './exposition.js';

export const contentTypes: Record<ExpositionFormat, string> = {
	text: 'text/plain; version=0.0.4; charset=utf-8',
	openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/**
 * The format a scraper asked for in its Accept header: OpenMetrics when it weighs
 * `application/openmetrics-text` at least as high as the text format (Prometheus 2.x sends
 * OpenMetrics with q=1 and text/plain with q=0.5), else the text format, which every scraper reads
 * (curl's `*` + `/*`, node_exporter-style clients, no header at all).
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
	if (accept === undefined) {
		return 'text';
	}

	let openMetrics = 0;
	let text = 0;
	for (const range of accept.split(',')) {
		const [type = '', ...parameters] = range.split(';').map(part => part.trim().toLowerCase());
		const qParameter = parameters.find(parameter => parameter.startsWith('q='));
		const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
		if (!Number.isFinite(q)) {
			continue;
		}

		if (type === 'application/openmetrics-text') {
			openMetrics = Math.max(openMetrics, q);
		} else if (type === 'text/plain' || type === 'text/*' || type === '*/*') {
			text = Math.max(text, q);
		}
	}

	return openMetrics > 0 && openMetrics >= text ? 'openmetrics' : 'text';
}
