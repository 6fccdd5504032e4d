/**
 * Messages from another thread, taken one at a time in the order they came (`take`), and the
 * failure that ends them: once `fail` is called, what waits (and every later `take` once the
 * messages that had come are taken) rejects with the first failure. Used by both ends of an
 * import's threads (BatchSource in the writer, ImportThreads in the API's thread).
 */
export class Inbox<T> {
  private readonly queue: T[] = [];
  private waiter?: { resolve: () => void; reject: (e: Error) => void };
  private failure?: Error;

  put(m: T): void {
    this.queue.push(m);
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve();
  }

  async take(): Promise<T> {
    for (;;) {
      if (this.queue.length) return this.queue.shift()!;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve, reject) => (this.waiter = { resolve, reject }));
    }
  }

  /** Ends the inbox with `e` (the first failure stays). */
  fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(this.failure);
  }
}
