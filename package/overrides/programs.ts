// Replaces source/demo/programs.ts in the single-file build: the supervisor is the bundle itself,
// which runs it when started as `wazuh-demo-supervisor` (package/entry.ts). Under node the
// symlink is node, which needs the bundle as its script; a single executable needs nothing.
import {isSea} from 'node:sea';
import {fileURLToPath} from 'node:url';
import type {Programs} from '../../source/demo/programs.js';

export function builtPrograms(): Programs {
	return {supervisor: isSea() ? [] : [fileURLToPath(import.meta.url)]};
}
