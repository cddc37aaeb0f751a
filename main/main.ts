// Electron main process entry point.
export {};
