// Replaces source/cli/tool-version.ts in the single-file build: the version is fixed at build time.
declare const WAZUH_METRICS_VERSION: string;

export function toolVersion(): string {
	return WAZUH_METRICS_VERSION;
}
