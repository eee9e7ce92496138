import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {ExpositionFormat} from './exposition.js';
import {formatAddress, type ListenAddress} from './listen-address.js';
import {contentTypes, negotiateFormat} from './negotiate.js';

/**
 * Connections open at once, at most; more are closed as they arrive. Prometheus keeps one per target
 * and a person with curl a few: 16 is plenty for them and bounds what a flood of clients can hold.
 */
export const maxConnections = 16;

/**
 * A client that has not sent its request (or read its answer) in this time is cut. The tick never
 * waits for a client either way: the answer is a string built at most once per tick and handed to
 * the socket, which drains on its own; this only bounds how long a hung client holds a connection.
 */
const clientTimeoutMs = 10_000;

export type MetricsServerOptions = {
	readonly address: ListenAddress;
	/** The exposition of the latest snapshot in a format (cached by the caller). */
	readonly render: (format: ExpositionFormat) => string;
	/** A failure to answer, for the log: the client only ever sees a status line. */
	readonly onError: (message: string) => void;
};

function listenError(address: string, error: NodeJS.ErrnoException): Error {
	switch (error.code) {
		case 'EADDRINUSE': {
			return new Error(`cannot serve metrics on ${address}: the port is in use`);
		}

		case 'EACCES': {
			return new Error(`cannot serve metrics on ${address}: permission denied`);
		}

		case 'EADDRNOTAVAIL': {
			return new Error(`cannot serve metrics on ${address}: not an address of this host`);
		}

		default: {
			return new Error(`cannot serve metrics on ${address}: ${error.code ?? error.message.split('\n')[0]!}`);
		}
	}
}

function answer(response: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
	response.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers});
	response.end(body);
}

/**
 * `GET /metrics` and nothing else: 404 for another path, 405 for another method, 500 with one word
 * if rendering fails (the reason goes to the log, never a stack trace to the client).
 */
export class MetricsServer {
	private readonly server: http.Server;

	constructor(private readonly options: MetricsServerOptions) {
		this.server = http.createServer({maxHeaderSize: 8192, requestTimeout: clientTimeoutMs, headersTimeout: clientTimeoutMs / 2}, (request, response) => {
			this.handle(request, response);
		});
		this.server.maxConnections = maxConnections;
		this.server.keepAliveTimeout = 5000;
		this.server.setTimeout(clientTimeoutMs, socket => {
			socket.destroy();
		});
		// A malformed request or an oversized header: a bare 400, as Node would, but never its error text.
		this.server.on('clientError', (_error, socket) => {
			if (socket.writable) {
				socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			}

			socket.destroy();
		});
	}

	/** Binds; resolves with the address bound (the real port when 0 was asked), rejects with one line. */
	async start(): Promise<string> {
		const {host, port} = this.options.address;
		await new Promise<void>((resolve, reject) => {
			const onError = (error: NodeJS.ErrnoException) => {
				reject(listenError(formatAddress(host, port), error));
			};

			this.server.once('error', onError);
			this.server.listen({host, port, exclusive: true}, () => {
				this.server.off('error', onError);
				resolve();
			});
		});
		this.server.on('error', (error: Error) => {
			this.options.onError(`metrics endpoint: ${error.message.split('\n')[0]!}`);
		});
		const bound = this.server.address() as AddressInfo;
		return formatAddress(bound.address, bound.port);
	}

	/** Stops listening and cuts every connection, so the process can exit at once. */
	async close(): Promise<void> {
		if (!this.server.listening) {
			return;
		}

		const closed = new Promise<void>(resolve => {
			this.server.close(() => {
				resolve();
			});
		});
		this.server.closeAllConnections();
		await closed;
	}

	private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
		const path = (request.url ?? '').split('?')[0];
		if (path !== '/metrics') {
			answer(response, 404, 'not found: the metrics are at /metrics\n');
			return;
		}

		if (request.method !== 'GET' && request.method !== 'HEAD') {
			answer(response, 405, 'method not allowed\n', {Allow: 'GET, HEAD'});
			return;
		}

		let body: string;
		const format = negotiateFormat(request.headers.accept);
		try {
			body = this.options.render(format);
		} catch (error) {
			this.options.onError(`metrics endpoint: rendering failed: ${(error as Error).message.split('\n')[0]!}`);
			answer(response, 500, 'internal error\n');
			return;
		}

		response.writeHead(200, {'Content-Type': contentTypes[format], 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store'});
		response.end(request.method === 'HEAD' ? undefined : body);
	}
}
