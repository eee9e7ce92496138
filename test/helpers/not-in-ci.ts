/*
 * Imported first by tests that watch Ink draw frames: Ink reads CI and CONTINUOUS_INTEGRATION when
 * it is first loaded and, if set (as on a CI machine), draws nothing until it exits. An import runs
 * before the importing file's own statements, so this cannot be done in the test file itself.
 */
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
