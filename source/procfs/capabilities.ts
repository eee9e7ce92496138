import fs from 'node:fs';

/** Capability numbers (linux/capability.h) this tool cares about. */
export const capabilities = {dacReadSearch: 2, sysPtrace: 19} as const;

/** The effective capability set of `/proc/self/status`'s `CapEff:` line, as a bit set; undefined when absent. */
export function parseEffectiveCapabilities(status: string): bigint | undefined {
	const hex = /^CapEff:\s*([\da-f]+)\s*$/im.exec(status)?.[1];
	return hex === undefined ? undefined : BigInt(`0x${hex}`);
}

/** The running process's effective capabilities; undefined when /proc cannot tell. */
export function effectiveCapabilities(procRoot = '/proc'): bigint | undefined {
	try {
		return parseEffectiveCapabilities(fs.readFileSync(`${procRoot}/self/status`, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Whether capability number `cap` is in the set. */
export const hasCapability = (set: bigint, cap: number): boolean => ((set >> BigInt(cap)) & 1n) === 1n;
