import {type Check, type GateVerdict, recordingSeconds, reportChecks} from './gate.js';
import type {Report} from './report-model.js';

/*
 * JUnit XML (docs/report.md, "As a CI gate"): one <testsuite> for the report, one <testcase> per
 * daemon and check, a <failure> where the check's verdict is among the flags, <skipped> where there
 * is no verdict. The shape the readers of GitHub Actions, GitLab and Jenkins take: <testsuites> with
 * one <testsuite> (name, tests, failures, errors, skipped, time, timestamp), test cases with
 * classname, name and time.
 */

/**
 * Text as XML 1.0 can hold it in an attribute or an element: the five specials as entities, tab and
 * line ends as character references (an attribute keeps them then), and what XML 1.0 cannot hold at
 * all (other control characters, lone surrogates, U+FFFE, U+FFFF) as a visible `\u{…}`.
 */
export function xmlText(text: string): string {
	let out = '';
	for (const character of text) {
		const code = character.codePointAt(0)!;
		switch (character) {
			case '&': {
				out += '&amp;';
				break;
			}

			case '<': {
				out += '&lt;';
				break;
			}

			case '>': {
				out += '&gt;';
				break;
			}

			case '"': {
				out += '&quot;';
				break;
			}

			case '\'': {
				out += '&apos;';
				break;
			}

			case '\t':
			case '\n':
			case '\r': {
				out += `&#${code};`;
				break;
			}

			default: {
				const forbidden = code < 0x20 || (code >= 0xD8_00 && code <= 0xDF_FF) || code === 0xFF_FE || code === 0xFF_FF;
				out += forbidden ? `\\u{${code.toString(16)}}` : character;
			}
		}
	}

	return out;
}

const attributes = (pairs: ReadonlyArray<readonly [string, string | number]>): string =>
	pairs.map(([name, value]) => ` ${name}="${xmlText(String(value))}"`).join('');

const seconds = (value: number): string => (Number.isFinite(value) && value > 0 ? value.toFixed(3) : '0.000');

function testcase(check: Check): string[] {
	const open = `    <testcase${attributes([['classname', check.classname], ['name', check.name], ['time', seconds(check.seconds)]])}`;
	switch (check.outcome) {
		case 'failed': {
			return [
				`${open}>`,
				`      <failure${attributes([['message', check.message], ['type', check.verdict ?? '']])}>${xmlText(`${check.message}\nRule: ${check.rule}`)}</failure>`,
				'    </testcase>',
			];
		}

		case 'skipped': {
			return [`${open}>`, `      <skipped${attributes([['message', check.message]])}/>`, '    </testcase>'];
		}

		default: {
			return [`${open}>`, `      <system-out>${xmlText(check.message)}</system-out>`, '    </testcase>'];
		}
	}
}

/** The report's checks as JUnit XML, failed where their verdict is among `flags`. */
export function renderJunit(report: Report, flags: readonly GateVerdict[]): string {
	const checks = reportChecks(report, flags);
	const count = (outcome: Check['outcome']): number => checks.filter(check => check.outcome === outcome).length;
	const totals: Array<[string, string | number]> = [
		['tests', checks.length],
		['failures', count('failed')],
		['errors', 0],
		['skipped', count('skipped')],
		['time', seconds(recordingSeconds(report))],
	];
	const name = `footprint ${report.recording.folder}`;
	const start = report.recording.start;
	const properties: Array<[string, string]> = [
		['recording', report.recording.folder],
		['baseline', report.baseline?.folder ?? ''],
		['fail-on', flags.join(',')],
		['generated-by', report.generatedBy],
	];
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites${attributes([['name', report.generatedBy], ...totals])}>`,
		`  <testsuite${attributes([
			['name', name],
			...totals,
			...(start === null ? [] : [['timestamp', new Date(start).toISOString().slice(0, 19)] as [string, string]]),
			...(report.recording.host === null ? [] : [['hostname', report.recording.host] as [string, string]]),
		])}>`,
		'    <properties>',
		...properties.map(([key, value]) => `      <property${attributes([['name', key], ['value', value]])}/>`),
		'    </properties>',
		...checks.flatMap(check => testcase(check)),
		'  </testsuite>',
		'</testsuites>',
		'',
	].join('\n');
}
