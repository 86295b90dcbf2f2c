/** Measured in docs/model-packs.md: the fused detail output is the default that beats bicubic. */
export const DEFAULT_PACK = 'detail';
