// Library entry for tests and tools: start a devnet in-process and drive its fault controls.
export { startDevnet } from './devnet';
export type { Devnet, DevnetInfo, DevnetOptions, FailOptions, ImportedEntry, NodeInfo, NodeRef } from './devnet';
export type { MisbehaveOptions, MisbehaviourMode } from './hostile';
export type { ImportedPost, SogsFault, SogsRoomConfig } from './sogs/server';
