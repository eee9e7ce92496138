import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {python} from './pandas.js';

/*
 * JUnit XML read by junitparser (Debian's python3-junitparser), the reader of the common GitHub
 * action that publishes test results (publish-unit-test-result-action), over a real XML parser
 * (lxml or Python's ElementTree). What it reads is given back as JSON: the suites' attributes as
 * written, and each test case with its result.
 */

export const junitparserInstallHint = 'apt-get install -y --no-install-recommends python3-junitparser';

/** Whether Debian's Python has junitparser; a test needing it runs when true, and must be true under CI. */
export const hasJunitparser = fs.existsSync(python) && spawnSync(python, ['-c', 'import junitparser'], {stdio: 'ignore'}).status === 0;

export type JunitCase = {
	classname: string;
	name: string;
	time: number;
	result: 'passed' | 'failure' | 'skipped' | 'error';
	message: string | null;
	type: string | null;
	text: string | null;
	systemOut: string | null;
};
export type JunitSuite = {name: string; tests: number; failures: number; errors: number; skipped: number; time: number; timestamp: string | null; properties: Record<string, string>; cases: JunitCase[]};
export type JunitDocument = {root: string; tests: number; failures: number; errors: number; skipped: number; suites: JunitSuite[]};

const reader = String.raw`
import json, sys
from junitparser import JUnitXml, Failure, Skipped, Error
xml = JUnitXml.fromstring(sys.stdin.buffer.read())
def kind(case):
    for result in case.result:
        for cls, name in ((Failure, 'failure'), (Skipped, 'skipped'), (Error, 'error')):
            if isinstance(result, cls):
                return name, result
    return 'passed', None
suites = []
for suite in xml:
    cases = []
    for case in suite:
        name, result = kind(case)
        cases.append({'classname': case.classname, 'name': case.name, 'time': case.time, 'result': name,
                      'message': None if result is None else result.message, 'type': None if result is None else result.type,
                      'text': None if result is None else result.text, 'systemOut': case.system_out})
    suites.append({'name': suite.name, 'tests': suite.tests, 'failures': suite.failures, 'errors': suite.errors,
                   'skipped': suite.skipped, 'time': suite.time, 'timestamp': suite.timestamp,
                   'properties': {p.name: p.value for p in suite.properties()}, 'cases': cases})
print(json.dumps({'root': xml._elem.tag, 'tests': xml.tests, 'failures': xml.failures, 'errors': xml.errors, 'skipped': xml.skipped, 'suites': suites}))
`;

/** `xml` as junitparser reads it; throws with the parser's message when it cannot. */
export function readJunit(xml: string): JunitDocument {
	const run = spawnSync(python, ['-c', reader], {input: xml, encoding: 'utf8', timeout: 60_000});
	if (run.status !== 0) {
		throw new Error(`junitparser could not read the XML: ${run.stderr}`);
	}

	return JSON.parse(run.stdout) as JunitDocument;
}
