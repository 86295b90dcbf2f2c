// `specula`: the headless entry over the same services the app uses.
import { Command, CommanderError } from 'commander';
import { ApiError } from '../../src-shared/api/api-error.js';
import { UserError } from '../../src-shared/user-error.js';
import { evalCommand } from './eval-command.js';
import { exportCommand } from './export-command.js';
import { libraryCommand } from './library-command.js';
import { packsCommand } from './packs-command.js';
import { previewCommand } from './preview-command.js';
import { renderCommand } from './render-command.js';
import { serveCommand } from './serve-command.js';
import { statusCommand } from './status-command.js';
import { upscaleCommand } from './upscale-command.js';

/** Exit codes: 0 done, 1 the work failed, 2 bad usage or bad input the user can fix. */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('specula')
    .description('Specula: speculative super-resolution for video')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(previewCommand())
    .addCommand(packsCommand())
    .addCommand(upscaleCommand((code) => (exitCode = code)))
    .addCommand(libraryCommand())
    .addCommand(renderCommand((code) => (exitCode = code)))
    .addCommand(statusCommand())
    .addCommand(exportCommand((code) => (exitCode = code)))
    .addCommand(serveCommand())
    .addCommand(evalCommand());
  const overrideExits = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UserError || (error instanceof ApiError && error.code !== 'internal')) {
      console.error(error.message);
      return 2;
    }
    console.error(`Specula failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['SPECULA_DEBUG'] && error instanceof Error) console.error(error.stack);
    return 1;
  }
}
