// Stands in for react-devtools-core, which Ink's devtools.js imports (only with DEV=true) and which
// is not installed: a bundle must resolve every static import.
export default {
	initialize(): void {},
	connectToDevTools(): void {},
};
