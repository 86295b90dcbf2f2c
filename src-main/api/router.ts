// The one router every transport goes through. It checks the call's name and its input against
// the contract before any handler runs, and answers every failure with a typed error rather than
// a crash: the user's mistakes with their sentence, anything else as 'internal'.
import { ConflictError, ForbiddenPathError, NotFoundError, type ApiErrorBody } from '../../src-shared/api/api-error.js';
import type { ApiTransport, CallReply } from '../../src-shared/api/api-client.js';
import { API_CALLS, type CallArgs, type CallName, type CallOutput } from '../../src-shared/api/contract.js';
import type { ChoosePurpose } from '../../src-shared/api/preview-records.js';
import { UserError } from '../../src-shared/user-error.js';
import type { EventBus, EventListener } from './event-bus.js';
import type { PathGrants } from './path-grants.js';

export interface CallContext {
  /** The paths this caller's user chose. */
  grants: PathGrants;
  /** Native file dialogs (the app); a browser has none. What they return is granted by the caller. */
  dialogs?: NativeDialogs;
}

export interface NativeDialogs {
  /** The paths the user picked; none when the dialog was cancelled. */
  choose(purpose: ChoosePurpose): Promise<string[]>;
}

export type Handlers = { [K in CallName]: (args: CallArgs<K>, context: CallContext) => Promise<CallOutput<K>> | CallOutput<K> };

export class ApiRouter {
  constructor(
    private readonly handlers: Handlers,
    private readonly events: EventBus,
    private readonly log: (message: string) => void = (message) => console.error(message),
  ) {}

  async call(name: string, input: unknown, context: CallContext): Promise<CallReply> {
    if (!Object.hasOwn(API_CALLS, name)) return failure({ code: 'unknown-call', message: `There is no call named "${name}".` });
    const call = name as CallName;
    const parsed = API_CALLS[call].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const first = issues[0]!;
      return failure({ code: 'invalid-input', message: `${call}: ${first.path ? `${first.path} ` : ''}${first.message}.`.replace('..', '.'), issues });
    }
    try {
      const handler = this.handlers[call] as (args: unknown, context: CallContext) => unknown;
      return { ok: true, result: await handler(parsed.data, context) };
    } catch (error) {
      return failure(toErrorBody(error, this.log));
    }
  }

  subscribe(listener: EventListener): () => void {
    return this.events.subscribe(listener);
  }

  /** A transport for callers in this process (the CLI, tests). */
  inProcess(context: CallContext): ApiTransport {
    return { call: (name, input) => this.call(name, input, context), subscribe: (listener) => this.subscribe(listener) };
  }
}

function failure(error: ApiErrorBody): CallReply {
  return { ok: false, error };
}

function toErrorBody(error: unknown, log: (message: string) => void): ApiErrorBody {
  if (error instanceof NotFoundError) return { code: 'not-found', message: error.message };
  if (error instanceof ConflictError) return { code: 'conflict', message: error.message };
  if (error instanceof ForbiddenPathError) return { code: 'forbidden-path', message: error.message };
  if (error instanceof UserError) return { code: 'user-error', message: error.message };
  const text = error instanceof Error ? error.message : String(error);
  log(`Specula: unexpected error in a call: ${error instanceof Error ? (error.stack ?? text) : text}`);
  if (/SQLITE_FULL|ENOSPC/.test(text)) return { code: 'internal', message: 'The disk holding the library is full; free some space and try again (nothing saved was lost).' };
  return { code: 'internal', message: `Specula hit an unexpected problem (${text.split('\n')[0]}); nothing saved was lost.` };
}
