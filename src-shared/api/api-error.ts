// The typed errors a call can answer with. A handler throws one of these classes (or a plain
// UserError); the router turns it into { code, message } and the client back into an ApiError.
import { UserError } from '../user-error.js';

export const API_ERROR_CODES = ['invalid-input', 'unknown-call', 'not-found', 'forbidden-path', 'conflict', 'user-error', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** For invalid-input: where in the input, and what is wrong there. */
  issues?: { path: string; message: string }[];
}

/** What a client's call rejects with. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends UserError {}
export class ConflictError extends UserError {}
export class ForbiddenPathError extends UserError {}

/**
 * Electron's contextBridge keeps only an error's message when a promise rejects across it, so the
 * preload puts the code in front ("[not-found] There is no clip 7…") and the renderer reads it back.
 */
export function errorMessageForBridge(body: ApiErrorBody): string {
  return `[${body.code}] ${body.message}`;
}

export function apiErrorFromBridge(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\[([a-z-]+)\] ([\s\S]*)$/.exec(message);
  const code = match && (API_ERROR_CODES as readonly string[]).includes(match[1]!) ? (match[1] as ApiErrorCode) : 'internal';
  return new ApiError(code, match ? match[2]! : message);
}
