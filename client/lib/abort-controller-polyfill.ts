// A small AbortController for the WeChat runtime, which has none (tRPC's links construct one per call).
// Injected into the mini program build only, by webpack's ProvidePlugin (config/index.ts).
// It must not reference any platform global: the mini program has only `wx`.

type Listener = (event: { type: 'abort'; target: AbortSignalPolyfill }) => void;

class AbortSignalPolyfill {
  aborted = false;
  reason: unknown = undefined;
  onabort: Listener | null = null;
  private listeners: Listener[] = [];

  addEventListener(type: string, listener: Listener, options?: { once?: boolean } | boolean): void {
    if (type !== 'abort' || typeof listener !== 'function') return;
    const once = typeof options === 'object' && options !== null && options.once === true;
    const wrapped: Listener = once
      ? (event) => {
          this.removeEventListener('abort', wrapped);
          listener(event);
        }
      : listener;
    (wrapped as Listener & { original?: Listener }).original = listener;
    this.listeners.push(wrapped);
  }

  removeEventListener(type: string, listener: Listener): void {
    if (type !== 'abort') return;
    this.listeners = this.listeners.filter(
      (l) => l !== listener && (l as Listener & { original?: Listener }).original !== listener,
    );
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Called by the controller only. */
  dispatchAbort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const event = { type: 'abort' as const, target: this };
    if (typeof this.onabort === 'function') this.onabort(event);
    for (const listener of this.listeners.slice()) listener(event);
  }
}

class AbortControllerPolyfill {
  readonly signal = new AbortSignalPolyfill();

  abort(reason?: unknown): void {
    const error =
      reason === undefined ? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }) : reason;
    this.signal.dispatchAbort(error);
  }
}

export { AbortControllerPolyfill as AbortController, AbortSignalPolyfill as AbortSignal };
