// Keyboard shortcuts: one table, read by the handlers and by the help overlay (press ?).
export interface Shortcut {
  keys: string;
  action: string;
  where: 'anywhere' | 'clip' | 'preview';
}

export const SHORTCUTS: Shortcut[] = [
  { keys: '1 · 2 · 3 · 4 · 5', action: 'Library · Queue · Exports · Packs · Defaults', where: 'anywhere' },
  { keys: '/', action: 'Search clips', where: 'anywhere' },
  { keys: 'Ctrl+O', action: 'Add a folder of clips', where: 'anywhere' },
  { keys: '?', action: 'Show these shortcuts', where: 'anywhere' },
  { keys: '← →', action: 'Previous / next frame', where: 'clip' },
  { keys: 'Shift+← →', action: 'Ten frames back / on', where: 'clip' },
  { keys: 'Home · End', action: 'First / last frame', where: 'clip' },
  { keys: 'Space', action: 'Play / pause the source', where: 'clip' },
  { keys: 'I · O', action: 'Set the trim in / out at the playhead', where: 'clip' },
  { keys: 'P', action: 'Preview this frame', where: 'clip' },
  { keys: 'R', action: 'Queue a render of this clip', where: 'clip' },
  { keys: 'F · B · D', action: 'Show fused · base · first draft', where: 'preview' },
  { keys: 'Z', action: 'Loupe on / off', where: 'preview' },
  { keys: 'Esc', action: 'Back to the library', where: 'clip' },
];

/** Keys typed into a field are the field's. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type)) || target.isContentEditable;
}
