// Renderer entry point.
export {};
