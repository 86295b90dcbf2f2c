// Messages on the WebSocket bridge (`specula serve`): the client sends calls, the server answers
// each by id and pushes events. JSON text frames.
import { z } from 'zod';
import type { ApiErrorBody } from './api-error.js';
import type { EventName } from './contract.js';

export const BridgeCallSchema = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().min(0),
  name: z.string().min(1).max(64),
  input: z.unknown().optional(),
});
export type BridgeCall = z.infer<typeof BridgeCallSchema>;

export type BridgeServerMessage =
  | { type: 'reply'; id: number | null; ok: true; result: unknown }
  | { type: 'reply'; id: number | null; ok: false; error: ApiErrorBody }
  | { type: 'event'; name: EventName; payload: unknown };

/** The bridge's path; the token goes in the query (`/api?token=…`). */
export const BRIDGE_PATH = '/api';
