// Electron preload: exposes the typed API to the renderer.
export {};
