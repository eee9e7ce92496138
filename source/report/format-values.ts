/** How report renderers print numbers: fixed units (MiB, % of a core) so two reports line up. */

const mebibyte = 1024 * 1024;

export const dash = '–';

export function fixed(value: number | null | undefined, decimals = 1): string {
	return value === null || value === undefined || !Number.isFinite(value) ? dash : value.toFixed(decimals);
}

export const mib = (bytes: number | null | undefined, decimals = 1): string => (bytes === null || bytes === undefined ? dash : fixed(bytes / mebibyte, decimals));

export function signed(value: number | null | undefined, decimals = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) {
		return dash;
	}

	return `${value > 0 ? '+' : ''}${value.toFixed(decimals)}`;
}

export function pValue(p: number | null | undefined): string {
	if (p === null || p === undefined || !Number.isFinite(p)) {
		return dash;
	}

	return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

export function duration(seconds: number): string {
	if (seconds < 120) {
		return `${seconds.toFixed(0)} s`;
	}

	if (seconds < 7200) {
		return `${(seconds / 60).toFixed(1)} min`;
	}

	return `${(seconds / 3600).toFixed(2)} h`;
}

/** Local time as `YYYY-MM-DD HH:MM:SS`. */
export function time(ms: number | null): string {
	if (ms === null) {
		return dash;
	}

	const date = new Date(ms);
	const pad = (value: number): string => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A statistic's value in its unit: memory in MiB, CPU in %, counts as they are. */
export function statisticValue(statistic: string, value: number | null): string {
	if (statistic.startsWith('cpu.')) {
		return fixed(value, 1);
	}

	if (statistic.startsWith('fd.') || statistic.startsWith('threads.')) {
		return fixed(value, 1);
	}

	return mib(value, 1);
}

export function statisticLabel(statistic: string): string {
	const [metric = '', kind = ''] = statistic.split('.');
	const unit = metric === 'cpu' ? ' (%)' : (metric === 'fd' || metric === 'threads' ? '' : ' (MiB)');
	return `${metric.toUpperCase()} ${kind}${unit}`;
}
