// The interface's root state: the connection, where the page runs, which screen shows, and the
// long-lived parts every screen shares (library, queue, exports, packs, messages).
import type { Environment } from '../../src-shared/api/preview-records.js';
import { errorText, type Connection } from './api.js';
import { DefaultsState } from './defaults-state.svelte.js';
import { ExportsState } from './exports-state.svelte.js';
import { LibraryState } from './library-state.svelte.js';
import { PacksState } from './packs-state.svelte.js';
import { QueueState } from './queue-state.svelte.js';
import { Toasts } from './toasts.svelte.js';
import { hashOf, viewFromHash, type View } from './views.js';

export class AppState {
  view = $state<View>(viewFromHash(location.hash));
  environment = $state.raw<Environment | null>(null);
  showShortcuts = $state(false);
  readonly toasts = new Toasts();
  readonly library: LibraryState;
  readonly queue: QueueState;
  readonly exports: ExportsState;
  readonly packs: PacksState;
  readonly defaults: DefaultsState;

  constructor(readonly connection: Connection) {
    const { api } = connection;
    this.library = new LibraryState(api, this.toasts);
    this.queue = new QueueState(api, this.toasts);
    this.exports = new ExportsState(api, this.toasts);
    this.packs = new PacksState(api, this.toasts);
    this.defaults = new DefaultsState(api);
    api.getEnvironment().then(
      (environment) => {
        this.environment = environment;
        this.exports.suggestFolder(environment);
      },
      (error: unknown) => this.toasts.push('error', 'Specula did not answer', errorText(error)),
    );
    window.addEventListener('hashchange', () => (this.view = viewFromHash(location.hash)));
  }

  get api() {
    return this.connection.api;
  }

  media(ref: string): string {
    return this.connection.mediaUrl(ref);
  }

  go(view: View): void {
    this.view = view;
    const hash = hashOf(view);
    if (location.hash !== hash) history.pushState(null, '', hash);
  }
}
