// Replaces Ink's build/utils.js in the single-file build: with DEV=true Ink would load React
// devtools (not installed) and read its own package.json (not in a bundle) at start. The single
// file has no devtools, whatever DEV says.
export const isDev = (): boolean => false;
