/*
 * postject's inject(), without the lines that say nothing wrong.
 *
 * postject rewrites the Node binary with LIEF (compiled to WebAssembly inside postject). To add the
 * NODE_SEA_BLOB note, LIEF moves the binary's notes into a new PT_NOTE segment and gives each one a
 * section header named `.note` or `.note.<n>`, but never adds those names to the section-name table
 * (.shstrtab): for each of them it prints "warning: Can't find string offset for section name
 * '.note.100'" and leaves the section unnamed (nine per binary: `readelf -S` shows nine NOTE sections
 * without a name). Nothing reads section names when the program runs: the kernel loads the program
 * headers, and Node finds its blob by walking the PT_NOTE segments (dl_iterate_phdr). LIEF's messages
 * reach JavaScript through console.warn (Emscripten's printErr), so that one message is dropped
 * while inject() runs; any other line still goes through.
 */
import {inject} from 'postject';

const harmless = /^warning: Can't find string offset for section name '\.note(\.\d+)?'$/;

export async function quietInject(file, resourceName, data, options) {
	const warn = console.warn;
	console.warn = (...words) => {
		if (!(words.length === 1 && harmless.test(String(words[0])))) {
			warn(...words);
		}
	};

	try {
		await inject(file, resourceName, data, options);
	} finally {
		console.warn = warn;
	}
}
