import http from 'node:http';
import net from 'node:net';

/*
 * The two ways of asking a daemon over its unix socket, each one request on its own connection,
 * with the reply's announced length checked against a bound before any of it is read. The caller
 * checks the socket (trusted-path.ts) first and aborts `signal` at the deadline or on stop: the
 * connection is then destroyed at once, whatever the daemon is doing.
 */

/** getstats replies: about 6 KB in 4.14 (wazuh-db cuts its own at 64 KiB, Wazuh's src/wazuh_db/wdb_com.c). */
const maxGetstatsBytes = 1024 * 1024;
/** The engine's dump grows with its policy spaces; Wazuh 5's own monitor.py accepts 4 MiB. */
const maxEngineBytes = 4 * 1024 * 1024;
/** Status line and headers of the engine's answer. */
const maxHeaderBytes = 16 * 1024;

/** The daemon answered, but not in a way we read: the message is the problem, one line. */
export class ReplyError extends Error {
	override readonly name = 'ReplyError';
}

const mib = (bytes: number): string => `${bytes / 1024 / 1024} MiB`;
const tooLarge = (length: number, bound: number): ReplyError => new ReplyError(`announced a reply of ${length} bytes, over the ${mib(bound)} bound`);

/**
 * Runs `body` with a settle-once promise: `finish` ends it, and aborting `signal` rejects it with
 * the signal's reason after `destroy` has cut the connection.
 */
function exchange(signal: AbortSignal, run: (finish: (error: unknown, text?: string) => void) => {destroy: () => void}): Promise<string> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) {
			reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
			return;
		}

		let done = false;
		let connection: {destroy: () => void} | undefined;
		const onAbort = (): void => {
			finish(signal.reason);
		};

		function finish(error: unknown, text?: string): void {
			if (done) {
				return;
			}

			done = true;
			signal.removeEventListener('abort', onAbort);
			connection?.destroy();
			if (error === undefined) {
				resolve(text ?? '');
			} else {
				reject(error instanceof Error ? error : new Error(`failed: ${typeof error}`));
			}
		}

		signal.addEventListener('abort', onAbort);
		connection = run(finish);
		if (done) {
			connection.destroy();
		}
	});
}

/**
 * Wazuh's framing (Wazuh's src/os_net/os_net.c `OS_SendSecureTCP`/`OS_RecvSecureTCP`): a 4-byte
 * little-endian length, then the payload, both ways. Resolves the reply's text.
 */
export function queryFramed(socketPath: string, request: string, signal: AbortSignal): Promise<string> {
	return exchange(signal, finish => {
		const socket = net.createConnection({path: socketPath});
		const payload = Buffer.from(request);
		const header = Buffer.alloc(4);
		header.writeUInt32LE(payload.length);
		let received = Buffer.alloc(0);
		let length: number | undefined;
		socket.on('connect', () => {
			// Not end(): the framework keeps its side open too, and wazuh-db serves a connection until it closes.
			socket.write(Buffer.concat([header, payload]));
		});
		socket.on('data', (chunk: Buffer) => {
			received = Buffer.concat([received, chunk]);
			if (length === undefined && received.length >= 4) {
				length = received.readUInt32LE(0);
				if (length > maxGetstatsBytes) {
					finish(tooLarge(length, maxGetstatsBytes));
					return;
				}
			}

			if (length !== undefined && received.length >= 4 + length) {
				finish(undefined, received.subarray(4, 4 + length).toString('utf8'));
			}
		});
		socket.on('end', () => {
			finish(new ReplyError(length === undefined
				? 'closed the connection without a reply'
				: `closed the connection after ${received.length - 4} of ${length} bytes`));
		});
		socket.on('error', error => {
			finish(error);
		});
		return {destroy: () => socket.destroy()};
	});
}

/**
 * The 5.x engine's HTTP/1.1 API (cpp-httplib on a unix socket, Wazuh's src/engine/source/httpsrv):
 * `POST /metrics/dump` with `{}`; the answer must be 200 with a Content-Length within the bound.
 */
export function queryEngine(socketPath: string, request: {method: string; path: string; body: string}, signal: AbortSignal): Promise<string> {
	return exchange(signal, finish => {
		const body = Buffer.from(request.body);
		const outgoing = http.request({
			socketPath,
			method: request.method,
			path: request.path,
			agent: false,
			maxHeaderSize: maxHeaderBytes,
			headers: {Host: 'localhost', 'Content-Type': 'application/json', 'Content-Length': String(body.length), Connection: 'close'},
		});
		// Once the answer has begun: how long it said it was, and how much of it came.
		let length: number | undefined;
		let size = 0;
		const cut = (error: unknown): void => {
			finish(length === undefined ? error : new ReplyError(`closed the connection after ${size} of ${length} bytes`));
		};

		outgoing.on('response', response => {
			const declared = response.headers['content-length'];
			length = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
			if (response.statusCode !== 200) {
				finish(new ReplyError(`the engine answered HTTP ${response.statusCode ?? '?'}`));
			} else if (length === undefined) {
				finish(new ReplyError('the engine answered without a Content-Length'));
			} else if (length > maxEngineBytes) {
				finish(tooLarge(length, maxEngineBytes));
			}

			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				chunks.push(chunk);
			});
			response.on('end', () => {
				finish(size === length ? undefined : new ReplyError(`closed the connection after ${size} of ${length} bytes`), Buffer.concat(chunks).toString('utf8'));
			});
			response.on('error', cut);
		});
		outgoing.on('error', cut);
		outgoing.end(body);
		return {destroy: () => outgoing.destroy()};
	});
}
