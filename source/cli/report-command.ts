import {readRecording, RecordingError} from '../reader/read-recording.js';
import type {Recording} from '../reader/recording.js';
import {buildReport} from '../report/build-report.js';
import {renderHtml} from '../report/render-html.js';
import {defaultFlags, gateFailures} from '../report/gate.js';
import {renderJson} from '../report/render-json.js';
import {renderJunit} from '../report/render-junit.js';
import {renderMarkdown} from '../report/render-markdown.js';
import type {Io} from '../session/session.js';
import {parseReportOptions, reportHelpText, type ReportOptions} from './report-options.js';
import {UsageError} from './usage-error.js';

/**
 * `wazuh-metrics report`: read the folders, build the report, print it. Exit 0 with a report,
 * 2 for bad input (an option, a folder that cannot be read or holds no recording), with one line,
 * 3 when a verdict `--fail-on` names was reached (the report printed first), with one line.
 */
export function runReport(argv: readonly string[], toolVersion: string, io: Pick<Io, 'stdout' | 'stderr'>): number {
	const say = (line: string): void => {
		io.stderr.write(`wazuh-metrics: ${line}\n`);
	};

	let options: ReportOptions;
	let recording: Recording;
	let baseline: Recording | undefined;
	try {
		const parsed = parseReportOptions(argv);
		if (parsed === 'help') {
			io.stdout.write(reportHelpText(toolVersion));
			return 0;
		}

		options = parsed;
		recording = readRecording(options.folder);
		baseline = options.baseline === undefined ? undefined : readRecording(options.baseline);
	} catch (error: unknown) {
		if (error instanceof UsageError || error instanceof RecordingError) {
			say(error.message);
			return 2;
		}

		throw error;
	}

	const report = buildReport(recording, baseline, options.thresholds, `wazuh-metrics ${toolVersion} report`);
	const flags = options.failOn ?? defaultFlags;
	const render = {md: renderMarkdown, json: renderJson, html: renderHtml, junit: () => renderJunit(report, flags)}[options.format];
	io.stdout.write(render(report));
	const failures = options.failOn === undefined ? [] : gateFailures(report, options.failOn);
	if (failures.length === 0) {
		return 0;
	}

	say(`--fail-on ${options.failOn!.join(',')}: ${failures.join('; ')}`);
	return 3;
}
