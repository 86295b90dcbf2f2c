// `specula serve`: the app's services for a browser, on 127.0.0.1 only. It prints the address
// with the token every connection must show, serves the built interface, and renders the
// library's queue until stopped (Ctrl-C), when running renders go back to the queue.
import path from 'node:path';
import { Command } from 'commander';
import { defaultLibraryFile, projectRoot } from '../app-paths.js';
import { PathGrants } from '../api/path-grants.js';
import { startBridge } from '../bridge/ws-bridge.js';
import { LibraryMedia } from '../media-files/library-media.js';
import { openSession } from './library-session.js';
import { integer } from './option-parsers.js';

interface ServeOptions {
  library?: string;
  port: number;
  allow?: string[];
  packs?: string;
  json?: boolean;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the Specula interface and API to a browser on 127.0.0.1 (needs the printed token)')
    .option('--library <file>', `the library file (default: ${defaultLibraryFile()})`)
    .option('--port <n>', 'port (default: any free one)', integer(0, 65535), 0)
    .option('--allow <dirs...>', 'folders the browser may add clips from and export to (default: the current folder)')
    .option('--packs <dir>', 'folder of user packs (default: $SPECULA_PACKS or ~/.local/share/specula/packs)')
    .option('--json', 'print the address as one JSON line')
    .action(async (options: ServeOptions) => {
      const { services, router } = await openSession({ library: options.library ?? defaultLibraryFile(), packs: options.packs });
      let bridge;
      try {
        services.startWork();
        const media = new LibraryMedia(services.library, services.previews.root);
        const grants = PathGrants.within((options.allow ?? [process.cwd()]).map((d) => path.resolve(d)));
        bridge = await startBridge({
          router,
          context: { grants },
          port: options.port,
          staticDir: path.join(projectRoot(), 'dist', 'renderer'),
          thumbnail: (clipId) => (services.library.db.open ? services.library.thumbnails.image(clipId) : null),
          media: (ref) => media.resolve(ref),
        });
      } catch (error) {
        await services.close();
        throw error;
      }
      if (options.json) console.log(JSON.stringify({ url: bridge.url, port: bridge.port, token: bridge.token, library: services.library.file }));
      else console.log(`Specula is serving ${services.library.file} at ${bridge.url}\nOpen that address in a browser; press Ctrl-C to stop.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await bridge.close();
      await services.close();
    });
}
