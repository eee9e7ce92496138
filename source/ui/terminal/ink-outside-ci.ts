/*
 * Imported by run-ui before Ink. Ink reads CI and CONTINUOUS_INTEGRATION when it is first loaded
 * and, if set, draws nothing until it exits (its mode for CI logs). The live screen only runs on a
 * terminal, where someone is watching: a CI=true left in a QA shell must not blank it. An import
 * runs before the importing module's own statements, so this has to be a module of its own.
 */
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
