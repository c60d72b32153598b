// Broker sessions as soft state (Kafka's BrokerHeartbeatManager): the last time the active
// controller heard from each broker. It is never written to the log: a new active controller
// starts every known broker's session afresh (KIP-631), so a failover never fences a broker
// that was heartbeating to the old controller. Time comes in as `nowMs`; the tracker reads no
// clock.

import type { BrokerId } from './records.js';

export class BrokerHeartbeatTracker {
  readonly sessionTimeoutMs: number;
  private readonly lastContactMs = new Map<BrokerId, number>();

  constructor(sessionTimeoutMs: number) {
    if (!(sessionTimeoutMs > 0)) throw new RangeError(`sessionTimeoutMs must be positive, got ${sessionTimeoutMs}`);
    this.sessionTimeoutMs = sessionTimeoutMs;
  }

  /** A registration or heartbeat from `brokerId` arrived at `nowMs`. */
  touch(brokerId: BrokerId, nowMs: number): void {
    const previous = this.lastContactMs.get(brokerId);
    this.lastContactMs.set(brokerId, previous === undefined ? nowMs : Math.max(previous, nowMs));
  }

  /** Forget a broker (it was fenced or unregistered). */
  remove(brokerId: BrokerId): void {
    this.lastContactMs.delete(brokerId);
  }

  /** Forget everything; the driver calls this when its node stops being the active controller. */
  clear(): void {
    this.lastContactMs.clear();
  }

  /** Has the broker been heard from within the session timeout? Unknown brokers have not. */
  hasValidSession(brokerId: BrokerId, nowMs: number): boolean {
    const last = this.lastContactMs.get(brokerId);
    return last !== undefined && nowMs - last < this.sessionTimeoutMs;
  }

  /**
   * Is the session over? A broker never seen by this controller gets a fresh session starting
   * now (the failover rule above) and is not expired.
   */
  isExpired(brokerId: BrokerId, nowMs: number): boolean {
    const last = this.lastContactMs.get(brokerId);
    if (last === undefined) {
      this.lastContactMs.set(brokerId, nowMs);
      return false;
    }
    return nowMs - last >= this.sessionTimeoutMs;
  }

  lastContact(brokerId: BrokerId): number | undefined {
    return this.lastContactMs.get(brokerId);
  }
}
