/**
 * What the simulated daemons answer on their getstats sockets: only the read-only JSON requests
 * Wazuh documents (`getstats`, and `getconfig`, `getagentsstats` refused the way a daemon without
 * that configuration or agent database refuses them), everything else with Wazuh's error reply.
 * analysisd and remoted 4.14 number their errors one way (Wazuh's src/analysisd/asyscom.c,
 * src/remoted/remcom.c), wazuh-db another (src/wazuh_db/wdb_com.c).
 */
import {errorReply} from './model.js';

type Errors = {
	invalid: number;
	emptyCommand: number;
	unrecognized: number;
	emptyParameters: number;
	emptySection: number;
	unknownSection: number;
	/** Daemons that have `getagentsstats` (4.x analysisd and remoted). */
	noAgents?: number;
};

export const daemonErrors: Errors = {invalid: 2, emptyCommand: 3, unrecognized: 4, emptyParameters: 5, emptySection: 6, unknownSection: 7, noAgents: 9};
export const daemonErrors5: Errors = {...daemonErrors, noAgents: undefined};
const wdbErrors: Errors = {invalid: 1, emptyCommand: 2, unrecognized: 3, emptyParameters: 4, emptySection: 5, unknownSection: 6};

const messages: Record<keyof Errors, string> = {
	invalid: 'Invalid JSON input',
	emptyCommand: 'Empty command',
	unrecognized: 'Unrecognized command',
	emptyParameters: 'Empty parameters',
	emptySection: 'Empty section',
	unknownSection: 'Unrecognized or not configured section',
	noAgents: 'Error getting agents from DB',
};

const fail = (errors: Errors, which: keyof Errors) => errorReply(errors[which] ?? errors.unrecognized, messages[which]);

function parse(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reply to one JSON request (`text`, as C reads it: up to its first NUL). */
export function answerJson(text: string, errors: Errors, getstats: () => string): string {
	const request = parse(text.split('\0', 1)[0] ?? '');
	if (request === undefined) {
		return fail(errors, 'invalid');
	}

	const command = isObject(request) ? request.command : undefined;
	if (typeof command !== 'string') {
		return fail(errors, 'emptyCommand');
	}

	const parameters = isObject(request) ? request.parameters : undefined;
	switch (command) {
		case 'getstats': {
			return getstats();
		}

		case 'getconfig': {
			if (!isObject(parameters)) {
				return fail(errors, 'emptyParameters');
			}

			// The demo has no configuration to show.
			return fail(errors, typeof parameters.section === 'string' ? 'unknownSection' : 'emptySection');
		}

		case 'getagentsstats': {
			if (errors.noAgents === undefined) {
				return fail(errors, 'unrecognized');
			}

			return fail(errors, isObject(parameters) ? 'noAgents' : 'emptyParameters');
		}

		default: {
			return fail(errors, 'unrecognized');
		}
	}
}

/**
 * wazuh-db: a request starting with `{` is JSON, anything else a database query, which the demo
 * (having no databases) refuses the way wazuh-db refuses a malformed one. A trailing newline is
 * dropped from the request and added to the reply (Wazuh's src/wazuh_db/main.c).
 */
export function answerWazuhDb(text: string, getstats: () => string): string {
	const newline = text.endsWith('\n');
	const request = newline ? text.slice(0, -1) : text;
	const reply = request.startsWith('{')
		? answerJson(request, wdbErrors, getstats)
		: `err Invalid DB query syntax, near '${request.trimStart().slice(0, 32)}'`;
	return newline ? `${reply}\n` : reply;
}
