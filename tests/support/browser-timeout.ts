// A browser test drives whole screens, and two or three run at once on a small machine: each test
// may take up to two minutes (jest applies only the root testTimeout, so the project sets it here).
jest.setTimeout(120_000);
