// `specula`: the headless entry over the same services the app uses.
import { Command, CommanderError } from 'commander';
import { ApiError } from '../../src-shared/api/api-error.js';
import { UserError } from '../../src-shared/user-error.js';
import { WorkerClient } from '../worker/worker-client.js';
import { watchStandardOutput } from './closed-output.js';
import { loadCommands } from './command-table.js';

/** Exit codes: 0 done, 1 the work failed, 2 bad usage or bad input the user can fix. */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  watchStandardOutput();
  const program = new Command('specula')
    .description('Specula: speculative super-resolution for video')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  // `upscale` and `preview` fork their worker before loading their own modules, so that the
  // worker's start-up (a Node process, its inference thread, onnxruntime) overlaps the CLI's.
  // Unused (bad usage, --help), it is closed below.
  const worker = argv[0] === 'upscale' || argv[0] === 'preview' ? new WorkerClient({ prestartInference: true }) : undefined;
  for (const command of await loadCommands(argv[0], (code) => (exitCode = code), worker)) program.addCommand(command);
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
  } finally {
    worker?.close();
  }
}
