// The library commands' shared set-up: open the library's services, talk to them through the same
// API (and router) the app and the browser use, and close cleanly whatever happens.
import type { Command } from 'commander';
import { createApiClient } from '../../src-shared/api/api-client.js';
import type { SpeculaApi } from '../../src-shared/api/contract.js';
import { UserError } from '../../src-shared/user-error.js';
import { createHandlers } from '../api/handlers.js';
import { PathGrants } from '../api/path-grants.js';
import { ApiRouter } from '../api/router.js';
import { SpeculaServices } from '../app/specula-services.js';

export interface LibraryOptions {
  library: string;
  packs?: string;
  json?: boolean;
}

export interface LibrarySession {
  services: SpeculaServices;
  api: SpeculaApi;
  router: ApiRouter;
}

export function addLibraryOptions(command: Command): Command {
  return command
    .requiredOption('--library <file>', 'the library file (made when it does not exist)')
    .option('--packs <dir>', 'folder of user packs (default: $SPECULA_PACKS or ~/.local/share/specula/packs)');
}

export async function openSession(options: Pick<LibraryOptions, 'library' | 'packs'>): Promise<LibrarySession> {
  const services = await SpeculaServices.open({ libraryFile: options.library, packsDir: options.packs });
  const router = new ApiRouter(createHandlers(services), services.events);
  // What a user types on the command line is what they chose.
  return { services, router, api: createApiClient(router.inProcess({ grants: PathGrants.anything() })) };
}

export async function withSession<T>(options: Pick<LibraryOptions, 'library' | 'packs'>, work: (session: LibrarySession) => Promise<T>): Promise<T> {
  const session = await openSession(options);
  try {
    return await work(session);
  } finally {
    await session.services.close();
  }
}

/** Clip ids from the command line, or every clip with --all. */
export async function chosenClips(api: SpeculaApi, ids: string[], all: boolean | undefined): Promise<number[]> {
  if (all && ids.length) throw new UserError('Give clip ids or --all, not both.');
  if (!all && ids.length === 0) throw new UserError('Name the clips by id (see `specula library list`) or give --all.');
  if (all) {
    const { clips } = await api.listClips({ sort: 'added', limit: 10_000 });
    return clips.map((c) => c.id);
  }
  return ids.map((id) => {
    if (!/^\d+$/.test(id) || Number(id) < 1) throw new UserError(`"${id}" is not a clip id; ids are the numbers \`specula library list\` shows.`);
    return Number(id);
  });
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
