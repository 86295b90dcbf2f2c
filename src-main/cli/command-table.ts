// Every `specula` command and the module that builds it. A run loads only the module of the command
// it names: loading them all (SQLite, the WebSocket server, the metrics) cost a few hundred
// milliseconds of start-up that a user waits through on every `specula upscale`. Help, a typo or
// no command at all load every one, so usage and suggestions list them all.
import type { Command } from 'commander';
import type { WorkerClient } from '../worker/worker-client.js';

type SetExitCode = (code: number) => void;

/** `worker`: one already started for the command (upscale's and preview's, forked before their modules load). */
const COMMANDS: Record<string, (setExitCode: SetExitCode, worker?: WorkerClient) => Promise<Command>> = {
  preview: async (_set, worker) => (await import('./preview-command.js')).previewCommand(worker),
  packs: async () => (await import('./packs-command.js')).packsCommand(),
  upscale: async (set, worker) => (await import('./upscale-command.js')).upscaleCommand(set, worker),
  library: async () => (await import('./library-command.js')).libraryCommand(),
  render: async (set) => (await import('./render-command.js')).renderCommand(set),
  status: async () => (await import('./status-command.js')).statusCommand(),
  export: async (set) => (await import('./export-command.js')).exportCommand(set),
  serve: async () => (await import('./serve-command.js')).serveCommand(),
  eval: async () => (await import('./eval-command.js')).evalCommand(),
};

/** The command `name` names, or every command (in help order) when it names none. */
export async function loadCommands(name: string | undefined, setExitCode: SetExitCode, worker?: WorkerClient): Promise<Command[]> {
  const load = name !== undefined && Object.hasOwn(COMMANDS, name) ? [COMMANDS[name]!] : Object.values(COMMANDS);
  return Promise.all(load.map((make) => make(setExitCode, worker)));
}
