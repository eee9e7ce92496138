import {keyHelp} from './keys.js';
import {fitLine, type Line, padRight} from './text.js';

/**
 * The help overlay as lines: every key binding by section, and what the columns mean. Cut to
 * `height` lines (the key list comes first, the column notes only when there is room).
 */
export function helpLines(width: number, height: number, logFile = ''): Line[] {
	const lines: Line[] = [[{text: 'Keys', bold: true, color: 'cyan'}, {text: '   (? or Esc closes this help)', dim: true}]];
	for (const {section, bindings} of keyHelp) {
		lines.push([{text: section, bold: true}]);
		for (const binding of bindings) {
			lines.push([{text: `  ${padRight(binding.keys, 16)}`, color: 'cyan'}, {text: binding.action}]);
		}
	}

	lines.push(
		[],
		[{text: 'Columns', bold: true, color: 'cyan'}],
		[{text: '  CPU% is of one core (can exceed 100). RSS/USS/PSS/SWAP: memory (USS private, PSS proportional).'}],
		[{text: '  READ/s WRIT/s: bytes reaching storage per second; READ WRITTEN: totals. - : could not be read.'}],
		[{text: '  K/M/G are 1024-based. The CSVs keep exact values in the unit chosen with -u.'}],
	);
	if (logFile !== '') {
		lines.push([{text: 'Log', bold: true, color: 'cyan'}, {text: `  ${logFile}`}]);
	}

	return lines.slice(0, Math.max(0, height)).map(line => fitLine(line, width));
}
