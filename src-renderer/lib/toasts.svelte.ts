// Short messages at the corner of the window: a render ended or failed, an import went wrong.
// Successes fade after a while; failures stay until dismissed, so their reason can be read.

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  title: string;
  text: string;
}

const FADE_MS = 8000;

export class Toasts {
  items = $state<Toast[]>([]);
  private nextId = 1;

  push(kind: Toast['kind'], title: string, text = ''): void {
    // The same message twice in a row says nothing new.
    if (this.items.some((t) => t.kind === kind && t.title === title && t.text === text)) return;
    const id = this.nextId++;
    this.items = [...this.items, { id, kind, title, text }];
    if (kind !== 'error') setTimeout(() => this.dismiss(id), FADE_MS);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }

  /** Takes down a message that no longer holds (whatever its text). */
  dismissTitled(title: string): void {
    this.items = this.items.filter((t) => t.title !== title);
  }
}
