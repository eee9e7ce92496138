import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/**
 * The sockets of the simulated daemons: framed requests as Wazuh's C daemons take them (Wazuh's
 * src/os_net/os_net.c: a 4-byte little-endian length, then the payload, the same for the reply),
 * and the 5.x engine's HTTP/1.1. Bound like Wazuh binds them: an old socket at the path removed,
 * then the socket made 0660.
 */

/** `OS_MAXSTR`: a longer request is dropped without a reply. */
const maxRequest = 65_536;
/** A client that connects and says nothing is let go after this long. */
const idleMs = 10_000;

export type Listening = {close(): Promise<void>};

/** Removes what a previous run left at `file`, if it is a socket (never anything else). */
function clearStale(file: string): void {
	let stat: fs.Stats;
	try {
		stat = fs.lstatSync(file);
	} catch {
		return;
	}

	if (!stat.isSocket()) {
		throw new Error(`${file} exists and is not a socket`);
	}

	fs.unlinkSync(file);
}

async function listen(server: net.Server, file: string, sockets: Set<net.Socket>): Promise<Listening> {
	clearStale(file);
	server.on('connection', socket => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(file, () => {
			server.off('error', reject);
			resolve();
		});
	});
	server.on('error', error => {
		console.error(`${file}: ${error.message}`);
	});
	fs.chmodSync(file, 0o660);
	return {
		// Closing the server removes the socket file (libuv unlinks it).
		close: async () => new Promise<void>(resolve => {
			server.close(() => {
				resolve();
			});
			for (const socket of sockets) {
				socket.destroy();
			}
		}),
	};
}

/**
 * Serves framed requests at `file`: `answer` gets each payload and returns the reply. `oneShot`:
 * one request per connection, closed after the reply (analysisd, remoted); else the connection
 * stays open for more (wazuh-db).
 */
export async function serveFramed(file: string, answer: (payload: string) => string, oneShot: boolean): Promise<Listening> {
	const server = net.createServer(socket => {
		let buffered = Buffer.alloc(0);
		let done = false;
		socket.setTimeout(idleMs, () => socket.destroy());
		socket.on('error', () => undefined);
		// Once it has hung up, what else the client sends is read and dropped until it hangs up too.
		socket.on('data', chunk => {
			if (done) {
				return;
			}

			buffered = Buffer.concat([buffered, chunk]);
			while (!done && buffered.length >= 4) {
				const length = buffered.readUInt32LE(0);
				if (length > maxRequest) {
					done = true;
					socket.end();
					return;
				}

				if (buffered.length < 4 + length) {
					return;
				}

				const payload = buffered.subarray(4, 4 + length).toString('utf8');
				buffered = buffered.subarray(4 + length);
				if (length === 0) {
					// An empty message: the daemon hangs up.
					done = true;
					socket.end();
					return;
				}

				const reply = Buffer.from(answer(payload), 'utf8');
				const header = Buffer.alloc(4);
				header.writeUInt32LE(reply.length, 0);
				socket.write(Buffer.concat([header, reply]));
				if (oneShot) {
					done = true;
					socket.end();
				}
			}
		});
	});
	return listen(server, file, new Set());
}

export type HttpReply = {status: number; body: string};

/** Serves HTTP/1.1 at `file`: `answer` gets the method, the path and the body (at most 64 KiB). */
export async function serveHttp(file: string, answer: (method: string, url: string, body: string) => HttpReply): Promise<Listening> {
	const sockets = new Set<net.Socket>();
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxRequest) {
				request.destroy();
				return;
			}

			chunks.push(chunk);
		});
		request.on('end', () => {
			const {status, body} = answer(request.method ?? '', request.url ?? '', Buffer.concat(chunks).toString('utf8'));
			// What the engine's server sends: a whole body with its length, typed as it types it.
			response.writeHead(status, body === '' ? {'Content-Length': 0} : {'Content-Type': 'plain/text', 'Content-Length': Buffer.byteLength(body)});
			response.end(body);
		});
		request.on('error', () => undefined);
	});
	server.headersTimeout = idleMs;
	server.requestTimeout = idleMs;
	return listen(server, file, sockets);
}
