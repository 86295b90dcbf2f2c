// The contract's call and event names alone, without the schemas, for the preload bundle (which
// must stay small). contract.ts checks at compile time that these lists match its schemas.
export const CALL_NAMES = [
  'getLibraryInfo',
  'addClips',
  'listClips',
  'getClip',
  'removeClips',
  'getDefaults',
  'setDefaults',
  'setClipSettings',
  'resetClipSettings',
  'queueRenders',
  'listRenders',
  'pauseRender',
  'resumeRender',
  'cancelRender',
  'setRenderPriority',
  'getQueue',
  'pauseQueue',
  'resumeQueue',
  'cancelQueue',
  'setConcurrency',
  'startExport',
  'listExports',
  'listPacks',
  'importPack',
  'getEnvironment',
  'choosePaths',
  'getClipFrame',
  'previewFrame',
  'refusePreview',
] as const;

export const EVENT_NAMES = [
  'clipsChanged',
  'renderChanged',
  'renderProgress',
  'segmentDone',
  'exportChanged',
  'queueChanged',
  'clipsImported',
  'previewProgress',
  'packsChanged',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
export type EventMethodName<K extends EventName = EventName> = `on${Capitalize<K>}`;

export function eventMethodName<K extends EventName>(event: K): EventMethodName<K> {
  return `on${event[0]!.toUpperCase()}${event.slice(1)}` as EventMethodName<K>;
}
