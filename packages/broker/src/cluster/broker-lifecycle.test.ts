// The broker lifecycle against a fake controller: registration with a fresh incarnation id
// (retried until accepted), heartbeats reporting the applied metadata offset, fenced and
// unfenced as the controller says, registering again when the controller lost the
// registration, and controlled shutdown.
import { afterEach, describe, expect, it } from 'vitest';
import { BrookError, type BrokerHeartbeatRequest__Output, type RegisterBrokerRequest__Output } from '@brook/protocol';
import { silentLogger } from '../logging/logger.js';
import { BrokerLifecycle, type BrokerLifecycleOptions } from './broker-lifecycle.js';
import { ControllerChannel } from './controller-channel.js';
import { FakeMetadataSource, startFakeController, type FakeController, type FakeControllerHandlers } from './cluster-test-fakes.js';

describe('BrokerLifecycle', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  interface Harness {
    controller: FakeController;
    lifecycle: BrokerLifecycle;
    source: FakeMetadataSource;
    registrations: RegisterBrokerRequest__Output[];
    heartbeats: BrokerHeartbeatRequest__Output[];
  }

  /** A controller that answers registrations with epochs 10, 11, ... and unfences on the second beat. */
  async function harness(overrides: FakeControllerHandlers = {}, options: Partial<BrokerLifecycleOptions> = {}): Promise<Harness> {
    const registrations: RegisterBrokerRequest__Output[] = [];
    const heartbeats: BrokerHeartbeatRequest__Output[] = [];
    const controller = await startFakeController({
      RegisterBroker: (request) => {
        registrations.push(request);
        return { brokerEpoch: 9 + registrations.length };
      },
      BrokerHeartbeat: (request) => {
        heartbeats.push(request);
        return { isCaughtUp: true, isFenced: request.wantFence || heartbeats.length < 2, shouldShutdown: false };
      },
      ...overrides,
    });
    cleanups.push(() => controller.stop());
    const channel = new ControllerChannel({ voters: new Map([[1, controller.address]]), logger: silentLogger(), requestTimeoutMs: 2_000 });
    cleanups.push(() => channel.close());
    const source = new FakeMetadataSource();
    source.addLiveBrokers(5);
    const lifecycle = new BrokerLifecycle({
      channel,
      source,
      nodeId: 7,
      clusterId: 'cluster-a',
      listeners: { client: { host: 'b7', port: 9092 }, internal: { host: 'b7', port: 9093 } },
      rack: 'r1',
      heartbeatIntervalMs: 20,
      registrationBackoffMs: 10,
      logger: silentLogger(),
      ...options,
    });
    cleanups.push(() => lifecycle.close());
    return { controller, lifecycle, source, registrations, heartbeats };
  }

  it('registers, heartbeats with the applied metadata offset, and is unfenced when the controller says so', async () => {
    const h = await harness();
    expect(h.lifecycle.state()).toBe('registering');
    expect(h.lifecycle.brokerEpoch()).toBe(-1);
    await h.lifecycle.start();
    expect(h.lifecycle.brokerEpoch()).toBe(10);
    expect(h.registrations).toEqual([
      {
        clusterId: 'cluster-a',
        brokerId: 7,
        incarnationId: h.lifecycle.incarnationId,
        listeners: [
          { name: 'client', host: 'b7', port: 9092 },
          { name: 'internal', host: 'b7', port: 9093 },
        ],
        rack: 'r1',
      },
    ]);
    expect(h.lifecycle.incarnationId).toMatch(/^[0-9a-f]{32}$/);
    // Infinity means no bound (a Node timer that long would fire at once).
    await h.lifecycle.waitUntilUnfenced(Number.POSITIVE_INFINITY);
    expect(h.lifecycle.state()).toBe('unfenced');
    expect(h.heartbeats[0]).toMatchObject({ brokerId: 7, brokerEpoch: '10', currentMetadataOffset: String(h.source.image().offset), wantFence: false, wantShutdown: false });
  });

  it('retries the registration until the controller accepts it', async () => {
    let refusals = 2;
    const h = await harness({
      RegisterBroker: () => {
        if (refusals-- > 0) throw new BrookError('DUPLICATE_BROKER_REGISTRATION', 'the previous process is still registered');
        return { brokerEpoch: 4 };
      },
    });
    await h.lifecycle.start();
    expect(h.lifecycle.brokerEpoch()).toBe(4);
    expect(h.controller.calls.filter((call) => call === 'RegisterBroker')).toHaveLength(3);
  });

  it('asks to stay fenced until it is ready', async () => {
    let ready = false;
    const h = await harness({}, { readyToUnfence: () => ready });
    await h.lifecycle.start();
    await expect(h.lifecycle.waitUntilUnfenced(150)).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    expect(h.heartbeats.length).toBeGreaterThan(1);
    expect(h.heartbeats.every((beat) => beat.wantFence)).toBe(true);
    ready = true;
    await h.lifecycle.waitUntilUnfenced(2_000);
    // Once unfenced, a moment of not being ready (a new topic's logs opening) never asks to be
    // fenced again: that would take a healthy broker out of every ISR.
    ready = false;
    const before = h.heartbeats.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.heartbeats.length).toBeGreaterThan(before);
    expect(h.heartbeats.slice(before).some((beat) => beat.wantFence)).toBe(false);
    expect(h.lifecycle.state()).toBe('unfenced');
  });

  it('registers again, with the same incarnation id, when its epoch is stale or unknown', async () => {
    let beats = 0;
    const h = await harness({
      BrokerHeartbeat: (request) => {
        beats++;
        if (beats === 2) throw new BrookError('STALE_BROKER_EPOCH', `epoch ${request.brokerEpoch} is stale`);
        if (beats === 4) throw new BrookError('BROKER_ID_NOT_REGISTERED', 'unknown broker');
        return { isCaughtUp: true, isFenced: false, shouldShutdown: false };
      },
    });
    await h.lifecycle.start();
    await expect.poll(() => h.registrations.length, { timeout: 2_000 }).toBe(3);
    expect(new Set(h.registrations.map((registration) => registration.incarnationId)).size).toBe(1);
    await expect.poll(() => h.lifecycle.brokerEpoch()).toBe(12);
    await h.lifecycle.waitUntilUnfenced(2_000);
  });

  it('shuts down in a controlled way: heartbeats with want_shutdown until the controller lets it go', async () => {
    let shutdownBeats = 0;
    const h = await harness({
      BrokerHeartbeat: (request) => {
        if (request.wantShutdown) shutdownBeats++;
        return { isCaughtUp: true, isFenced: false, shouldShutdown: shutdownBeats >= 3 };
      },
    });
    await h.lifecycle.start();
    await h.lifecycle.waitUntilUnfenced(2_000);
    expect(await h.lifecycle.controlledShutdown(2_000)).toBe(true);
    expect(h.lifecycle.state()).toBe('shutting-down');
    expect(shutdownBeats).toBe(3);
    const calls = h.controller.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.controller.calls.length).toBe(calls);
    await h.lifecycle.close();
    expect(h.lifecycle.state()).toBe('stopped');
  });

  it('gives up on controlled shutdown after its timeout', async () => {
    const h = await harness({ BrokerHeartbeat: () => ({ isCaughtUp: true, isFenced: false, shouldShutdown: false }) });
    await h.lifecycle.start();
    expect(await h.lifecycle.controlledShutdown(100)).toBe(false);
  });

  it('stops cleanly before it ever registered', async () => {
    const h = await harness({
      RegisterBroker: () => {
        throw new BrookError('NOT_CONTROLLER', 'election in progress');
      },
    });
    const starting = h.lifecycle.start();
    // Started again without awaiting: the same promise, and no unhandled rejection at close.
    void h.lifecycle.start();
    const unfenced = h.lifecycle.waitUntilUnfenced(10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await h.lifecycle.controlledShutdown(1_000)).toBe(false);
    await h.lifecycle.close();
    await expect(starting).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
    await expect(unfenced).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
  });
});
