/**
 * A line chart as inline SVG text: no script, no font or style sheet to fetch, so the HTML report
 * is one file that opens offline. Series may have gaps (null), drawn as breaks in the line.
 */
export type ChartLine = {readonly label: string; readonly className: string; readonly x: readonly number[]; readonly y: ReadonlyArray<number | null>};

const width = 640;
const height = 220;
const left = 56;
const right = 12;
const top = 12;
const bottom = 32;

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function niceMax(value: number): number {
	if (!(value > 0)) {
		return 1;
	}

	const magnitude = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 2.5, 5, 10]) {
		if (value <= step * magnitude) {
			return step * magnitude;
		}
	}

	return 10 * magnitude;
}

export function svgChart(title: string, unit: string, lines: readonly ChartLine[], attributes: Record<string, string>): string {
	let xMax = 0;
	let yMax = 0;
	for (const line of lines) {
		for (const [index, x] of line.x.entries()) {
			const y = line.y[index];
			if (y !== null && y !== undefined) {
				xMax = Math.max(xMax, x);
				yMax = Math.max(yMax, y);
			}
		}
	}

	const xTop = xMax > 0 ? xMax : 1;
	const yTop = niceMax(yMax * 1.05);
	const px = (x: number): number => left + ((width - left - right) * x) / xTop;
	const py = (y: number): number => height - bottom - ((height - top - bottom) * y) / yTop;
	const parts: string[] = [];
	const data = Object.entries(attributes).map(([key, value]) => ` data-${key}="${escape(value)}"`).join('');
	parts.push(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}"${data}>`);
	parts.push(`<title>${escape(title)}</title>`);
	for (let tick = 0; tick <= 4; tick++) {
		const value = (yTop * tick) / 4;
		const y = py(value).toFixed(1);
		parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${y}" y2="${y}"/>`, `<text class="axis" x="${left - 4}" y="${y}" text-anchor="end" dominant-baseline="middle">${Number(value.toPrecision(3))}</text>`);
	}

	parts.push(`<text class="axis" x="${left}" y="${height - 8}">0 s</text>`, `<text class="axis" x="${width - right}" y="${height - 8}" text-anchor="end">${Math.round(xTop)} s</text>`, `<text class="axis" x="${(left + width) / 2}" y="${height - 8}" text-anchor="middle">${escape(unit)}</text>`);
	for (const line of lines) {
		const segments: string[][] = [[]];
		for (const [index, x] of line.x.entries()) {
			const y = line.y[index];
			if (y === null || y === undefined) {
				segments.push([]);
			} else {
				segments.at(-1)!.push(`${px(x).toFixed(1)},${py(y).toFixed(1)}`);
			}
		}

		for (const points of segments.filter(segment => segment.length > 0)) {
			parts.push(`<polyline class="${escape(line.className)}" data-points="${points.length}" points="${points.join(' ')}"><title>${escape(line.label)}</title></polyline>`);
		}
	}

	parts.push('</svg>');
	return parts.join('');
}
