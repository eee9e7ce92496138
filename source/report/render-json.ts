import type {Report} from './report-model.js';

/** The report as JSON (docs/report.md, "JSON schema"): NaN and infinities never reach it, they are null. */
export function renderJson(report: Report): string {
	return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
