/** The listeners change notifications hang on a store; one that throws is logged and the others still hear. */
export class ChangeListeners<E> {
  private readonly listeners = new Set<(event: E) => void>();

  /** `what` names the store in the log line ("calendar", "To Do"). */
  constructor(private readonly what: string) {}

  add(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: E): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`[graph-emulator] ${this.what} change listener failed`, error);
      }
    }
  }
}
