// The services' events, fanned out to every transport's listeners (one per window or socket).
import type { EventName, EventPayload } from '../../src-shared/api/contract.js';

export type EventListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A listener that throws (a closed socket, say) must not stop the others or the service.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
