import net from 'node:net';

/** Where the metrics endpoint listens. */
export type ListenAddress = {
	/** An IP address (or `localhost`) to bind. */
	readonly host: string;
	/** 0: any free port (the one bound is announced). */
	readonly port: number;
	/** Only this host can connect: 127.0.0.0/8, ::1, localhost. */
	readonly loopback: boolean;
};

/**
 * The loopback address used when only a port is given. The endpoint republishes what only root may
 * read in /proc (io counters, smaps), so by default it is offered to this host alone.
 */
const defaultHost = '127.0.0.1';

function isLoopback(host: string): boolean {
	if (host === 'localhost') {
		return true;
	}

	if (net.isIPv4(host)) {
		return host.startsWith('127.');
	}

	// ::1, also written out in full; an IPv4-mapped loopback (::ffff:127.x.y.z) too.
	const lower = host.toLowerCase();
	return /^(0{0,4}:){1,7}0{0,3}1$/.test(lower) || lower === '::1' || /^::ffff:127\./.test(lower);
}

/**
 * Parses `--prometheus`: `PORT`, `HOST:PORT` or `[IPV6]:PORT`. Returns the address, or a one-line
 * reason. Host names other than `localhost` are refused: what a name resolves to can change, and
 * the loopback rule must be decided on what is bound.
 */
export function parseListenAddress(raw: string): ListenAddress | string {
	let host = defaultHost;
	let portText = raw;
	const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(raw);
	if (bracketed !== null) {
		host = bracketed[1]!;
		portText = bracketed[2]!;
		if (!net.isIPv6(host)) {
			return `"${host}" is not an IPv6 address`;
		}
	} else if (raw.includes(':')) {
		const colon = raw.lastIndexOf(':');
		host = raw.slice(0, colon);
		portText = raw.slice(colon + 1);
		if (host.includes(':')) {
			return `write an IPv6 address in brackets: [${host}]:${portText}`;
		}

		if (host !== 'localhost' && !net.isIPv4(host)) {
			return `"${host}" is not an IP address (give one, or localhost)`;
		}
	}

	if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) {
		return `"${portText}" is not a port number (0 to 65535)`;
	}

	return {host, port: Number(portText), loopback: isLoopback(host)};
}

/** `127.0.0.1:9101`, `[::1]:9101`. */
export function formatAddress(host: string, port: number): string {
	return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
