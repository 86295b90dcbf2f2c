// The one API between the UI (or the CLI, or a test) and the main process. Every call is
// `name(input) => Promise<output>` and every event `onName(listener) => unsubscribe`; each payload
// has a schema here, and the router checks every input against it before any handler runs.
// Transports (Electron IPC, the WebSocket bridge, in-process) carry these names and nothing else.
import { z } from 'zod';
import { CALL_NAMES, EVENT_NAMES, eventMethodName, type CallName, type EventMethodName, type EventName } from './contract-names.js';
import { DeviceSchema } from '../jobs/engine-settings.js';
import { CODECS, PRESETS, SegmentRecordSchema } from '../jobs/render-job.js';
import { CLIP_SETTING_KEYS, ClipOverridesSchema, LibraryDefaultsPatchSchema, LibraryDefaultsSchema, type ClipSettingKey } from '../library/clip-settings.js';
import {
  ClipDetailSchema,
  ClipStatusSchema,
  ClipSummarySchema,
  ExportRecordSchema,
  ImportResultSchema,
  LibraryInfoSchema,
  PackInfoSchema,
  QueueStateSchema,
  RenderProgressSchema,
  RenderRecordSchema,
  RenderStatusSchema,
} from './library-records.js';
import {
  CHOOSE_PURPOSES,
  ClipFrameSchema,
  EnvironmentSchema,
  PreviewIdSchema,
  PreviewProgressSchema,
  PreviewRecordSchema,
  RefusedPreviewSchema,
} from './preview-records.js';
import { FusionSettingsSchema } from '../fusion/fusion-settings.js';

/** An absolute path (POSIX, or Windows with a drive or UNC prefix). */
export const AbsolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path');

const Id = z.number().int().positive();
const NoInput = z.strictObject({});

export const CLIP_SORTS = ['name', 'added', 'duration', 'size', 'resolution', 'status'] as const;

export const API_CALLS = {
  getLibraryInfo: { input: NoInput, output: LibraryInfoSchema },
  addClips: {
    input: z.strictObject({ paths: z.array(AbsolutePathSchema).min(1).max(10_000), recursive: z.boolean().default(false) }),
    output: ImportResultSchema,
  },
  listClips: {
    input: z.strictObject({
      /** Case-insensitive text in the clip's name. */
      search: z.string().max(256).default(''),
      status: z.array(ClipStatusSchema).max(8).optional(),
      sort: z.enum(CLIP_SORTS).default('name'),
      descending: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10_000).default(200),
    }),
    output: z.object({ total: z.number().int(), clips: z.array(ClipSummarySchema) }),
  },
  getClip: { input: z.strictObject({ id: Id }), output: ClipDetailSchema },
  removeClips: { input: z.strictObject({ ids: z.array(Id).min(1).max(10_000) }), output: z.object({ removed: z.number().int() }) },
  getDefaults: { input: NoInput, output: LibraryDefaultsSchema },
  setDefaults: { input: z.strictObject({ patch: LibraryDefaultsPatchSchema }), output: LibraryDefaultsSchema },
  setClipSettings: { input: z.strictObject({ clipId: Id, patch: ClipOverridesSchema }), output: ClipDetailSchema },
  resetClipSettings: {
    input: z.strictObject({ clipId: Id, keys: z.array(z.enum(CLIP_SETTING_KEYS as [ClipSettingKey, ...ClipSettingKey[]])).optional() }),
    output: ClipDetailSchema,
  },
  queueRenders: {
    input: z.strictObject({ clipIds: z.array(Id).min(1).max(10_000), priority: z.number().int().min(-100).max(100).default(0) }),
    output: z.array(RenderRecordSchema),
  },
  listRenders: {
    input: z.strictObject({ clipId: Id.optional(), status: z.array(RenderStatusSchema).max(6).optional() }),
    output: z.array(RenderRecordSchema),
  },
  pauseRender: { input: z.strictObject({ id: Id }), output: RenderRecordSchema },
  resumeRender: { input: z.strictObject({ id: Id }), output: RenderRecordSchema },
  cancelRender: { input: z.strictObject({ id: Id }), output: RenderRecordSchema },
  setRenderPriority: { input: z.strictObject({ id: Id, priority: z.number().int().min(-100).max(100) }), output: RenderRecordSchema },
  getQueue: { input: NoInput, output: QueueStateSchema },
  pauseQueue: { input: NoInput, output: QueueStateSchema },
  resumeQueue: { input: NoInput, output: QueueStateSchema },
  /** Cancels every render that is queued, running or paused (their segments go). */
  cancelQueue: { input: NoInput, output: QueueStateSchema },
  setConcurrency: { input: z.strictObject({ device: DeviceSchema, workers: z.number().int().min(0).max(8) }), output: QueueStateSchema },
  startExport: {
    input: z.strictObject({
      renderId: Id,
      /** The MP4 to write. */
      target: AbsolutePathSchema.refine((p) => /\.mp4$/i.test(p), 'must end in .mp4'),
      /** Codec settings; those not given are the render's (then the video is stream-copied). */
      codec: z.enum(CODECS).optional(),
      crf: z.number().int().min(0).max(51).optional(),
      preset: z.enum(PRESETS).optional(),
      overwrite: z.boolean().default(false),
    }),
    output: ExportRecordSchema,
  },
  listExports: { input: z.strictObject({ renderId: Id.optional(), clipId: Id.optional() }), output: z.array(ExportRecordSchema) },
  listPacks: { input: NoInput, output: z.array(PackInfoSchema) },
  /** Checks a pack folder (manifest, files, every model in onnxruntime) and copies it into the user's packs folder. */
  importPack: { input: z.strictObject({ path: AbsolutePathSchema }), output: PackInfoSchema },
  /** Where the page runs: whether it has native dialogs, and which folders it may name. */
  getEnvironment: { input: NoInput, output: EnvironmentSchema },
  /** A native file dialog (the app only); what the user picks is granted. Cancelled: no paths. */
  choosePaths: { input: z.strictObject({ purpose: z.enum(CHOOSE_PURPOSES) }), output: z.object({ paths: z.array(z.string()) }) },
  /** One source frame as a picture, decoded by index (exact whatever the timestamps). */
  getClipFrame: { input: z.strictObject({ clipId: Id, frame: z.number().int().min(0) }), output: ClipFrameSchema },
  /** Runs the base and every draft on one frame with the clip's settings (or takes them from the cache). */
  previewFrame: { input: z.strictObject({ clipId: Id, frame: z.number().int().min(0) }), output: PreviewRecordSchema },
  /** Fuses a preview's cached base and last draft again with other fusion settings; no model runs. */
  refusePreview: {
    input: z.strictObject({
      previewId: PreviewIdSchema,
      alpha: FusionSettingsSchema.shape.alpha,
      fc: FusionSettingsSchema.shape.fc,
      order: FusionSettingsSchema.shape.order,
      mask: FusionSettingsSchema.shape.mask.optional(),
    }),
    output: RefusedPreviewSchema,
  },
  // `satisfies` keeps this table and contract-names.ts in step: a missing or extra name fails to compile.
} as const satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

export const API_EVENTS = {
  clipsChanged: z.object({ added: z.array(z.number().int()), updated: z.array(z.number().int()), removed: z.array(z.number().int()) }),
  renderChanged: RenderRecordSchema,
  renderProgress: z.object({ id: z.number().int(), clipId: z.number().int(), progress: RenderProgressSchema }),
  /** A render finished a segment: that much work can no longer be lost. */
  segmentDone: z.object({ renderId: z.number().int(), clipId: z.number().int(), segment: SegmentRecordSchema }),
  exportChanged: ExportRecordSchema,
  queueChanged: QueueStateSchema,
  /** An import ended (from any window, a drop, the menu or a call), with what was added, skipped and refused. */
  clipsImported: ImportResultSchema,
  previewProgress: PreviewProgressSchema,
  packsChanged: z.object({ added: z.array(z.string()) }),
} as const satisfies Record<EventName, z.ZodType>;

export { CALL_NAMES, EVENT_NAMES, eventMethodName, type CallName, type EventMethodName, type EventName };
export type CallInput<K extends CallName> = z.input<(typeof API_CALLS)[K]['input']>;
export type CallArgs<K extends CallName> = z.output<(typeof API_CALLS)[K]['input']>;
export type CallOutput<K extends CallName> = z.output<(typeof API_CALLS)[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof API_EVENTS)[K]>;

/** What `window.specula` is, in the app and in the browser. */
export type SpeculaApi = { [K in CallName]: (input?: CallInput<K>) => Promise<CallOutput<K>> } & {
  [K in EventName as EventMethodName<K>]: (listener: (payload: EventPayload<K>) => void) => () => void;
};
