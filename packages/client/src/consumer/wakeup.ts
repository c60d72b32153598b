// A reusable wake-up signal for the consumer's loop: `promise` settles on the next notify() and
// is then replaced, so any number of waits share one promise and nothing accumulates while
// fetches keep winning the race.

export class Wakeup {
  private resolve!: () => void;
  promise!: Promise<'wake'>;

  constructor() {
    this.arm();
  }

  notify(): void {
    const resolve = this.resolve;
    this.arm();
    resolve();
  }

  private arm(): void {
    this.promise = new Promise<void>((resolve) => (this.resolve = resolve)).then(() => 'wake' as const);
  }
}
