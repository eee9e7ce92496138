import fs from 'node:fs';
import net from 'node:net';
import type {ExecutionContext} from 'ava';

/*
 * A daemon's statistics socket, for real: a unix socket served by node `net`, speaking Wazuh's
 * framing (4-byte little-endian length, then the payload; analysisd and remoted answer one request
 * per connection and close) or the 5.x engine's HTTP/1.1. It answers what `reply()` returns at that
 * moment (the test moves the figures), or misbehaves as `mode` says. It counts the connections it
 * accepted and keeps every request, so a test can tell that nobody connected, and what was asked.
 */

export type FakeMode =
	| {readonly kind: 'answer'}
	/** Accepts, reads the request, never answers. */
	| {readonly kind: 'hang'}
	/** Writes these bytes instead of an answer (no framing added), then closes unless keepOpen. */
	| {readonly kind: 'raw'; readonly bytes: Buffer; readonly keepOpen?: boolean};

export type Protocol = 'framed' | 'http';

export class FakeStatsDaemon {
	mode: FakeMode = {kind: 'answer'};
	/** Connections accepted since listen(). */
	accepted = 0;
	/** The most connections open at once. */
	maxOpen = 0;
	/** Requests received: a framed payload, or `METHOD PATH BODY` for HTTP. */
	readonly requests: string[] = [];
	private readonly sockets = new Set<net.Socket>();
	private server: net.Server | undefined;

	constructor(readonly path: string, readonly protocol: Protocol, public reply: () => string) {}

	/** Connections open now. */
	get open(): number {
		return this.sockets.size;
	}

	async listen(): Promise<void> {
		const server = net.createServer(socket => {
			this.accepted++;
			this.sockets.add(socket);
			this.maxOpen = Math.max(this.maxOpen, this.sockets.size);
			socket.on('close', () => this.sockets.delete(socket));
			socket.on('error', () => undefined);
			this.serve(socket);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.path, () => {
				resolve();
			});
		});
		// As Wazuh's OS_BindUnixDomainWithPerms leaves it.
		fs.chmodSync(this.path, 0o660);
		this.server = server;
	}

	/** Every connection cut, the server closed, the socket file removed. */
	async close(): Promise<void> {
		for (const socket of this.sockets) {
			socket.destroy();
		}

		const server = this.server;
		this.server = undefined;
		if (server !== undefined) {
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		}

		fs.rmSync(this.path, {force: true});
	}

	private serve(socket: net.Socket): void {
		let pending = Buffer.alloc(0);
		socket.on('data', (chunk: Buffer) => {
			pending = Buffer.concat([pending, chunk]);
			for (;;) {
				const request = this.protocol === 'framed' ? takeFrame(pending) : takeHttp(pending);
				if (request === undefined) {
					return;
				}

				pending = pending.subarray(request.used);
				this.requests.push(request.text);
				this.respond(socket);
			}
		});
	}

	private respond(socket: net.Socket): void {
		const {mode} = this;
		if (mode.kind === 'hang') {
			return;
		}

		if (mode.kind === 'raw') {
			socket.write(mode.bytes);
			if (mode.keepOpen !== true) {
				socket.end();
			}

			return;
		}

		const body = Buffer.from(this.reply());
		if (this.protocol === 'framed') {
			const header = Buffer.alloc(4);
			header.writeUInt32LE(body.length);
			socket.end(Buffer.concat([header, body]));
		} else {
			socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: plain/text\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]));
		}
	}
}

function takeFrame(pending: Buffer): {text: string; used: number} | undefined {
	if (pending.length < 4) {
		return undefined;
	}

	const length = pending.readUInt32LE(0);
	return pending.length < 4 + length ? undefined : {text: pending.subarray(4, 4 + length).toString('utf8'), used: 4 + length};
}

function takeHttp(pending: Buffer): {text: string; used: number} | undefined {
	const end = pending.indexOf('\r\n\r\n');
	if (end < 0) {
		return undefined;
	}

	const head = pending.subarray(0, end).toString('latin1').split('\r\n');
	const length = Number(/^content-length:\s*(\d+)$/im.exec(head.join('\n'))?.[1] ?? 0);
	if (pending.length < end + 4 + length) {
		return undefined;
	}

	const [method, target] = (head[0] ?? '').split(' ');
	return {text: `${method} ${target} ${pending.subarray(end + 4, end + 4 + length).toString('utf8')}`, used: end + 4 + length};
}

/** A fake daemon listening at `socketPath`, closed when the test ends. */
export async function serveStats(t: ExecutionContext, socketPath: string, protocol: Protocol, reply: () => string): Promise<FakeStatsDaemon> {
	const daemon = new FakeStatsDaemon(socketPath, protocol, reply);
	await daemon.listen();
	t.teardown(async () => daemon.close());
	return daemon;
}

/** Waits until `condition()` holds, checking every 20 ms, failing after `ceilingMs` (generous: never a timing verdict). */
export async function until(condition: () => boolean, what: string, ceilingMs = 20_000): Promise<void> {
	const start = Date.now();
	while (!condition()) {
		if (Date.now() - start > ceilingMs) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await new Promise(resolve => setTimeout(resolve, 20));
	}
}
