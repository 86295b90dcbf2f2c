// The screens, and their place in the address (#/clip/3), so a reload keeps the screen.
export type View = { name: 'library' } | { name: 'clip'; clipId: number } | { name: 'queue' } | { name: 'exports' } | { name: 'packs' } | { name: 'defaults' };

export function viewFromHash(hash: string): View {
  const clip = /^#\/clip\/(\d+)$/.exec(hash);
  if (clip) return { name: 'clip', clipId: Number(clip[1]) };
  const name = hash.replace(/^#\//, '');
  return name === 'queue' || name === 'exports' || name === 'packs' || name === 'defaults' ? { name } : { name: 'library' };
}

export function hashOf(view: View): string {
  return view.name === 'clip' ? `#/clip/${view.clipId}` : `#/${view.name}`;
}
