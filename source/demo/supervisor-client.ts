import type {ChildProcess} from 'node:child_process';
import type {PidReport, Request, SupervisorMessage} from './protocol.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistributiveOmit<Request, 'id'>;
/** A request as a caller writes it (the client adds the id). */
export type Body = {op: string};

type Pending = {resolve: (pid: number | undefined) => void; reject: (error: Error) => void};

/**
 * Caller side of the supervisor's IPC channel: request/reply by id, and the latest pid report.
 * The channel only holds the caller's event loop open while a request is waiting for its reply,
 * so an idle fleet never keeps a program from exiting. `Requests`: what this caller may ask (the
 * product's requests; a test adds those of its own supervisor).
 */
export class SupervisorClient<Requests extends Body = RequestBody> {
	pids: PidReport['pids'] = {};
	decoyPid: number | undefined;
	readonly #child: ChildProcess;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;

	constructor(child: ChildProcess) {
		this.#child = child;
		child.on('message', (message: SupervisorMessage) => {
			this.#receive(message);
		});
		child.once('exit', () => {
			this.#failAll(new Error('the demo fleet supervisor exited'));
		});
		child.unref();
		child.channel?.unref();
	}

	async request(body: Requests): Promise<number | undefined> {
		const id = this.#nextId++;
		const reply = new Promise<number | undefined>((resolve, reject) => {
			this.#pending.set(id, {resolve, reject});
		});
		this.#child.channel?.ref();
		try {
			if (!this.#child.connected) {
				throw new Error('the demo fleet supervisor is gone');
			}

			this.#child.send({...body, id});
			return await reply;
		} catch (error) {
			this.#pending.delete(id);
			throw error;
		} finally {
			if (this.#pending.size === 0) {
				this.#child.channel?.unref();
			}
		}
	}

	#receive(message: SupervisorMessage): void {
		if (message.type === 'pids') {
			this.pids = message.pids;
			this.decoyPid = message.decoyPid ?? undefined;
			return;
		}

		const pending = this.#pending.get(message.id);
		this.#pending.delete(message.id);
		if (message.ok) {
			pending?.resolve(message.pid);
		} else {
			pending?.reject(new Error(message.error));
		}
	}

	#failAll(error: Error): void {
		for (const pending of this.#pending.values()) {
			pending.reject(error);
		}

		this.#pending.clear();
	}
}
