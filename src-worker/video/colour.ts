// How RGB frames map to and from the clip's YUV: the source's matrix and range when it is tagged,
// else what players assume (BT.709 from 720 lines up, BT.601 below). The output is encoded with
// the same matrix and tagged with it, so colours survive the round trip.
import type { ColourTags, MediaInfo } from '../../src-shared/media/media-info.js';

/** ffprobe's color_space names -> swscale's matrix names. */
const SWS_MATRIX: Record<string, string> = {
  bt709: 'bt709',
  smpte170m: 'smpte170m',
  bt470bg: 'bt470bg',
  fcc: 'fcc',
  smpte240m: 'smpte240m',
  bt2020nc: 'bt2020',
  bt2020c: 'bt2020',
};

/** The tags the render writes: the source's, with what was assumed filled in. */
export function outputColour(input: Pick<MediaInfo, 'colour' | 'height'>): Required<{ [K in keyof ColourTags]: string }> {
  const hd = input.height >= 720;
  const matrix = input.colour.matrix && SWS_MATRIX[input.colour.matrix] ? input.colour.matrix : hd ? 'bt709' : 'smpte170m';
  return {
    matrix,
    primaries: input.colour.primaries ?? (hd ? 'bt709' : 'smpte170m'),
    transfer: input.colour.transfer ?? (hd ? 'bt709' : 'smpte170m'),
    range: input.colour.range ?? 'tv',
  };
}

export function swsMatrix(matrix: string): string {
  return SWS_MATRIX[matrix] ?? 'bt709';
}

/** Encoder options that write the tags into the stream. */
export function colourTagArgs(colour: ReturnType<typeof outputColour>): string[] {
  return ['-color_primaries', colour.primaries, '-color_trc', colour.transfer, '-colorspace', colour.matrix, '-color_range', colour.range];
}
