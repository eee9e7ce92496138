import http from 'node:http';
import net from 'node:net';

/**
 * Plain clients of the daemons' statistics sockets, written for the tests from the protocol alone
 * (no code of the product): Wazuh's framing by hand (a 4-byte little-endian length, then the
 * payload, both ways) and HTTP/1.1 over a unix socket. Every call has a deadline.
 */

const deadlineMs = 10_000;

function frame(payload: Buffer): Buffer {
	const header = Buffer.alloc(4);
	header.writeUInt32LE(payload.length, 0);
	return Buffer.concat([header, payload]);
}

type Exchange = {
	/** One reply per request, in order; undefined for a request the daemon hung up on. */
	replies: Array<string | undefined>;
	/** The daemon closed the connection after the last reply. */
	closed: boolean;
};

/**
 * Sends `requests` over one connection, each after the previous reply, and collects the replies.
 * The daemon may close the connection: the requests left get no reply.
 */
export async function exchange(file: string, requests: ReadonlyArray<string | Buffer>): Promise<Exchange> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(file);
		const replies: Array<string | undefined> = [];
		let buffered = Buffer.alloc(0);
		let closed = false;
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`no reply from ${file} within ${deadlineMs} ms`));
		}, deadlineMs);
		const finish = () => {
			clearTimeout(timer);
			while (replies.length < requests.length) {
				replies.push(undefined);
			}

			resolve({replies, closed});
		};

		const sendNext = () => {
			const next = requests[replies.length];
			if (next === undefined) {
				socket.end();
				return;
			}

			socket.write(frame(Buffer.isBuffer(next) ? next : Buffer.from(next, 'utf8')));
		};

		socket.on('connect', sendNext);
		socket.on('data', chunk => {
			buffered = Buffer.concat([buffered, chunk]);
			while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
				const length = buffered.readUInt32LE(0);
				replies.push(buffered.subarray(4, 4 + length).toString('utf8'));
				buffered = buffered.subarray(4 + length);
				sendNext();
			}
		});
		socket.on('end', () => {
			closed = true;
		});
		socket.on('close', finish);
		socket.on('error', error => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

/** One framed request on its own connection; its reply. */
export async function ask(file: string, request: string): Promise<string> {
	const {replies} = await exchange(file, [request]);
	const [reply] = replies;
	if (reply === undefined) {
		throw new Error(`${file} hung up on ${request}`);
	}

	return reply;
}

export type HttpAnswer = {status: number; headers: http.IncomingHttpHeaders; body: string};

/** One HTTP/1.1 request over the unix socket `file`. */
export async function httpAsk(file: string, method: string, path: string, body?: string): Promise<HttpAnswer> {
	return new Promise((resolve, reject) => {
		const request = http.request({socketPath: file, method, path, agent: false, timeout: deadlineMs, headers: body === undefined ? {} : {'Content-Type': 'text/plain'}}, response => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8')});
			});
			response.on('error', reject);
		});
		request.on('timeout', () => request.destroy(new Error(`no answer from ${file} within ${deadlineMs} ms`)));
		request.on('error', reject);
		request.end(body);
	});
}

/** Every leaf of a JSON value, by dotted path (numbers, strings, booleans). */
export function leafPaths(value: unknown, prefix = ''): string[] {
	if (typeof value !== 'object' || value === null) {
		return [prefix];
	}

	return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

/** The value at a dotted path. */
export function at(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((inner, key) => (typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>)[key] : undefined), value);
}

/**
 * Asks `probe` every 200 ms until `check` holds of its answer, or `timeoutMs` has passed; the last
 * answer either way (the test then says what it expected of it).
 */
export async function until<T>(probe: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (check(value) || Date.now() > deadline) {
			return value;
		}

		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
	}
}
