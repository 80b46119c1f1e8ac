/**
 * Asynchronous deliveries, as SNS makes them: each runs on a later turn of the event loop, after
 * the publisher has its reply, and `idle()` waits until none is left — including deliveries
 * scheduled while waiting, such as a Lambda handler that publishes in turn.
 */
export class DeliveryQueue {
  readonly #pending = new Set<Promise<void>>();

  /** `onFailure` receives whatever the task throws; the queue itself never rejects. */
  schedule(task: () => Promise<void>, onFailure: (error: unknown) => void): void {
    const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .catch(onFailure)
      .finally(() => this.#pending.delete(run));
    this.#pending.add(run);
  }

  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}
