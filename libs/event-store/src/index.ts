export * from './port';
export { streamHeadsByReadingAll, streamHeadsOf } from './stream-heads';
export {
  compareGlobalPositions,
  globalPosition,
  globalPositionParts,
  isGlobalPosition,
  parseGlobalPosition,
  type GlobalPositionParts,
} from './global-position';
export { UpcasterRegistry, type Repair, type Upcast } from './upcasting';
export {
  handleCommand,
  handleEachCommand,
  type HandleEachCommandOptions,
  type EachCommandResult,
  type AppendedEvent,
  type CommandResult,
  type HandleCommandOptions,
} from './command-handler';
export {
  StreamStateCache,
  loadStreamState,
  loadStreamStates,
  type CachedStreamState,
  type LoadedStreamState,
  type StreamStateCacheOptions,
} from './stream-state-cache';
export * from './postgres';
export * from './kurrentdb';
export * from './sealing';
