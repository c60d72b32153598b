// A wake-up for code that waits for "something changed" and then looks again (long polls,
// commands waiting for this node to become the ready active controller): wait() resolves at the
// next notifyAll() or after `ms`, whichever comes first, and never rejects.
export class ChangeSignal {
  private readonly wakers = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wakers = this.wakers;
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });
  }

  notifyAll(): void {
    for (const wake of [...this.wakers]) wake();
  }
}
