// Electron IPC channel names between the preload and the main process. The preload exposes the
// contract's methods over these two channels and nothing else.
export const IPC_CALL_CHANNEL = 'specula:call';
export const IPC_EVENT_CHANNEL = 'specula:event';
