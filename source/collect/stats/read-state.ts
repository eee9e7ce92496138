import {constants} from 'node:fs';
import fs from 'node:fs/promises';
import {setTimeout as sleep} from 'node:timers/promises';
import {checkTrustedPath, type TrustedOwners, untrustedReason, UntrustedPathError} from '../../safe-fs/trusted-path.js';
import {StatsFormatError} from './parsed-stats.js';

/*
 * Reading a state file inside an installation: the path checked component by component, the file
 * opened without following a link (and without waiting, were it a FIFO), the opened descriptor
 * checked to be that very regular file, and its bytes read bounded. A read during which the file
 * changed (logcollector writes in place) is thrown away and tried again: never a half-read figure.
 */

/** A state file is a few KB; logcollector's grows with its locations. */
const maxStateBytes = 1024 * 1024;
const attempts = 3;
/** Between attempts: logcollector writes its whole file in one go. */
const pauseMs = 50;

const openFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;

/** The file changed while it was read: a read to throw away. */
class RewrittenError extends StatsFormatError {}

type Read = {readonly text: string; readonly mtimeMs: number};

async function readOnce(root: string, file: string, owners: TrustedOwners): Promise<Read> {
	await checkTrustedPath(root, file, owners, 'file');
	const handle = await fs.open(file, openFlags);
	try {
		// The file opened may be a newer one than the one checked (analysisd renames a new file over
		// it every 5 s): only root and the Wazuh accounts can have put it there, since no folder of
		// the path lets anyone else, and it is checked again here, as the very file opened.
		const before = await handle.stat();
		const reason = untrustedReason(before, owners);
		if (reason !== undefined || !before.isFile()) {
			throw new UntrustedPathError(`refusing ${file}: it ${reason ?? 'is not a regular file'}`);
		}

		if (before.size > maxStateBytes) {
			throw new StatsFormatError(`the state file has ${before.size} bytes, over the ${maxStateBytes / 1024 / 1024} MiB bound`);
		}

		// One byte more than announced: a file that grew since is seen to have grown.
		const buffer = Buffer.alloc(before.size + 1);
		let length = 0;
		for (;;) {
			const {bytesRead} = await handle.read(buffer, length, buffer.length - length, length);
			length += bytesRead;
			if (bytesRead === 0 || length === buffer.length) {
				break;
			}
		}

		const after = await handle.stat();
		if (length !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
			throw new RewrittenError('the state file changed while it was read');
		}

		return {text: buffer.subarray(0, length).toString('utf8'), mtimeMs: before.mtimeMs};
	} finally {
		await handle.close();
	}
}

/**
 * The parsed state file `file` inside the installation `root`. A read that caught the file
 * changing, or whose text does not parse (logcollector's file half written), is tried again, up to
 * three times; then the last failure is thrown. Refusals and system errors are thrown at once.
 */
export async function readStateFile<T>(root: string, file: string, owners: TrustedOwners, parse: (text: string, mtimeMs: number) => T, signal: AbortSignal): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		signal.throwIfAborted();
		try {
			const {text, mtimeMs} = await readOnce(root, file, owners);
			signal.throwIfAborted();
			return parse(text, mtimeMs);
		} catch (error) {
			if (!(error instanceof StatsFormatError) || attempt === attempts) {
				throw error;
			}
		}

		await sleep(pauseMs, undefined, {signal});
	}
}
