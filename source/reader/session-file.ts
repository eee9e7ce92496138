import fs from 'node:fs';
import path from 'node:path';
import {byteUnits, diskUnits} from '../model/units.js';
import {layouts} from '../wazuh/reference.js';
import {describeError, errorCode} from '../safe-fs/errors.js';
import {type SessionFile, sessionFileName} from '../recorder/session-file-writer.js';
import {readRecordingFile} from './read-file.js';

/*
 * Reads back the `session.json` a run writes into its session folder (source/recorder/session-file-writer.ts).
 * It is input from a folder someone gave us: every field is checked for its type, and text that
 * will be shown on a terminal (the host in replay's header) must hold no control character, which
 * could move the cursor or change the terminal's state.
 */

/** Larger is not a file of ours (ours is a few hundred bytes); not parsed. */
const maxBytes = 64 * 1024;
/** Longest text field accepted (a host name is at most 64 bytes on Linux, 255 in DNS). */
const maxText = 255;
const maxDaemons = 1000;

/** What a folder's session.json gave: nothing (no file), its content, or why it is ignored. */
export type SessionFileRead = {
	readonly info?: SessionFile;
	/** One line for `Recording.problems`: `session.json: …; ignored`. */
	readonly problem?: string;
};

export type SessionFileParse = {readonly ok: true; readonly info: SessionFile} | {readonly ok: false; readonly why: string};

/** C0, DEL and C1 controls: what a terminal acts on instead of showing. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;
/** `2026-11-28T09:30:28+01:00` (fraction of a second and `Z` tolerated). */
const isoWithOffset = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= maxText && !controlCharacter.test(value);

/**
 * Checks `text` as a session.json, field by field; pure. Fields it does not know are ignored (a
 * later version may add some); every known one must be there with its type.
 */
export function parseSessionFile(text: string): SessionFileParse {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return {ok: false, why: 'not valid JSON'};
	}

	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		return {ok: false, why: 'not a JSON object'};
	}

	const fields = data as Record<string, unknown>;
	const bad = (name: string, expected: string): SessionFileParse => ({ok: false, why: `"${name}" is ${describe(fields[name])}, not ${expected}`});
	const {tool, toolVersion, host, wazuhVersion, layout, interval, started, units, diskUnit, daemons, demo} = fields;
	if (tool !== 'wazuh-metrics') {
		return bad('tool', '"wazuh-metrics"');
	}

	if (!isText(toolVersion)) {
		return bad('toolVersion', 'a line of text');
	}

	if (!isText(host) || host === '') {
		return bad('host', 'a host name');
	}

	if (!isText(wazuhVersion)) {
		return bad('wazuhVersion', 'a line of text');
	}

	const layoutFound = layout === '' ? '' : layouts.find(known => known === layout);
	if (layoutFound === undefined) {
		return bad('layout', `${layouts.map(known => `"${known}"`).join(', ')} or ""`);
	}

	if (typeof interval !== 'number' || !Number.isFinite(interval) || interval <= 0) {
		return bad('interval', 'a number of seconds above 0');
	}

	if (typeof started !== 'string' || !isoWithOffset.test(started) || !Number.isFinite(Date.parse(started))) {
		return bad('started', 'an ISO 8601 time with its offset');
	}

	const byteUnit = byteUnits.find(unit => unit === units);
	if (byteUnit === undefined) {
		return bad('units', byteUnits.join(', '));
	}

	const diskUnitFound = diskUnits.find(unit => unit === diskUnit);
	if (diskUnitFound === undefined) {
		return bad('diskUnit', diskUnits.join(', '));
	}

	if (!Array.isArray(daemons) || daemons.length > maxDaemons || !daemons.every(name => isText(name) && name !== '')) {
		return bad('daemons', 'a list of daemon names');
	}

	// Added later: a file without it is from before, a real recording.
	if (demo !== undefined && typeof demo !== 'boolean') {
		return bad('demo', 'true or false');
	}

	return {
		ok: true,
		info: {tool, toolVersion, host, wazuhVersion, layout: layoutFound, interval, started, units: byteUnit, diskUnit: diskUnitFound, daemons: [...daemons as string[]], demo: demo === true},
	};
}

/** `a string of 300 characters`, `null`, `a number`: what was found, briefly, never the value (it may be anything). */
function describe(value: unknown): string {
	if (value === undefined) {
		return 'missing';
	}

	if (value === null) {
		return 'null';
	}

	if (Array.isArray(value)) {
		return 'a list';
	}

	if (typeof value === 'string') {
		return controlCharacter.test(value) ? 'text with control characters' : `a string of ${value.length} characters`;
	}

	return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

/**
 * The session.json of `folder`, read like the CSVs (read-file.ts: no symlink followed, regular
 * files only). No file: neither info nor problem. A file that cannot be read or is not valid: a
 * problem line, and no info (the recording reads on without it).
 */
export function readSessionFile(folder: string): SessionFileRead {
	const file = path.join(folder, sessionFileName);
	let stats: fs.Stats;
	try {
		// To tell "no file" (normal: older recordings, other writers) and a link from a file that
		// cannot be read; the read below checks again, on the descriptor it reads.
		stats = fs.lstatSync(file);
	} catch (error) {
		return errorCode(error) === 'ENOENT' ? {} : {problem: `${sessionFileName}: cannot be read, ${describeError(error)}; ignored`};
	}

	if (stats.isSymbolicLink()) {
		return {problem: `${sessionFileName}: a symbolic link, not followed; ignored`};
	}

	if (stats.size > maxBytes) {
		return {problem: `${sessionFileName}: larger than ${maxBytes / 1024} KiB, not one of ours; ignored`};
	}

	let text: string;
	try {
		text = readRecordingFile(file);
	} catch (error) {
		return {problem: `${sessionFileName}: ${error instanceof Error ? error.message : String(error)}; ignored`};
	}

	if (text.length > maxBytes) {
		return {problem: `${sessionFileName}: larger than ${maxBytes / 1024} KiB, not one of ours; ignored`};
	}

	const parsed = parseSessionFile(text);
	return parsed.ok ? {info: parsed.info} : {problem: `${sessionFileName}: ${parsed.why}; ignored`};
}
