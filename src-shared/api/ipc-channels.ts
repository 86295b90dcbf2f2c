// Electron IPC channel names between the preload and the main process. The preload exposes the
// contract's methods over the first two and nothing else; the third carries only the paths of
// files dropped on the window, which the page itself cannot see.
export const IPC_CALL_CHANNEL = 'specula:call';
export const IPC_EVENT_CHANNEL = 'specula:event';
/** Paths of files dropped on the window (the preload reads them; the main process grants and imports them). */
export const IPC_DROP_CHANNEL = 'specula:drop';
