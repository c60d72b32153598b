// The controller channel against fake controllers on loopback ports: it follows NOT_CONTROLLER
// redirects to the hinted voter, moves on to another voter when one is down or silent, keeps
// every call within its deadline, and hands out the controllers' errors as BrookErrors.
import { afterEach, describe, expect, it } from 'vitest';
import { BrookError, bindRpcServer, createRpcServer, notControllerError } from '@brook/protocol';
import { silentLogger } from '../logging/logger.js';
import { freeLoopbackPort } from '../testing/index.js';
import { ControllerChannel } from './controller-channel.js';
import { startFakeController, type FakeController, type FakeControllerHandlers } from './cluster-test-fakes.js';

describe('ControllerChannel', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function controller(handlers: FakeControllerHandlers): Promise<FakeController> {
    const fake = await startFakeController(handlers);
    cleanups.push(() => fake.stop());
    return fake;
  }

  function channel(voters: Array<[number, string]>, requestTimeoutMs = 5_000): ControllerChannel {
    const created = new ControllerChannel({ voters: new Map(voters), logger: silentLogger(), requestTimeoutMs, retryBackoffMs: 10 });
    cleanups.push(() => created.close());
    return created;
  }

  const active = (epoch: number): FakeControllerHandlers => ({ RegisterBroker: () => ({ brokerEpoch: epoch }) });
  const follower = (hint: number): FakeControllerHandlers => ({
    RegisterBroker: () => {
      throw notControllerError(hint);
    },
  });

  it('follows a NOT_CONTROLLER redirect to the hinted voter and remembers it', async () => {
    const one = await controller(follower(3));
    const two = await controller(follower(3));
    const three = await controller(active(42));
    const subject = channel([
      [1, one.address],
      [2, two.address],
      [3, three.address],
    ]);
    expect(subject.activeControllerId()).toBe(-1);
    const response = await subject.registerBroker({ brokerId: 7 });
    expect(response.brokerEpoch).toBe('42');
    expect(one.calls).toEqual(['RegisterBroker']);
    expect(two.calls).toEqual([]);
    expect(subject.activeControllerId()).toBe(3);
    await subject.registerBroker({ brokerId: 7 });
    expect(one.calls).toHaveLength(1);
    expect(three.calls).toHaveLength(2);
  });

  it('tries the next voter when one is starting (listening, its controller service not yet registered)', async () => {
    const starting = createRpcServer({});
    const port = await bindRpcServer(starting, '127.0.0.1:0');
    cleanups.push(() => starting.forceShutdown());
    const two = await controller(active(9));
    const subject = channel([
      [1, `127.0.0.1:${port}`],
      [2, two.address],
    ]);
    expect((await subject.registerBroker({ brokerId: 1 })).brokerEpoch).toBe('9');
    expect(subject.activeControllerId()).toBe(2);
  });

  it('tries the next voter when the hint is unknown', async () => {
    const one = await controller(follower(-1));
    const two = await controller(active(5));
    const subject = channel([
      [1, one.address],
      [2, two.address],
    ]);
    expect((await subject.registerBroker({ brokerId: 1 })).brokerEpoch).toBe('5');
    expect(subject.activeControllerId()).toBe(2);
  });

  it('fails over when the active controller goes away', async () => {
    const one = await controller(active(1));
    const two = await controller(follower(1));
    const subject = channel([
      [1, one.address],
      [2, two.address],
    ]);
    await subject.registerBroker({ brokerId: 1 });
    expect(subject.activeControllerId()).toBe(1);
    await one.stop();
    two.handlers = active(2);
    expect((await subject.registerBroker({ brokerId: 1 })).brokerEpoch).toBe('2');
    expect(subject.activeControllerId()).toBe(2);
  });

  it('skips a voter nobody listens on', async () => {
    const two = await controller(active(9));
    const subject = channel([
      [1, `127.0.0.1:${await freeLoopbackPort()}`],
      [2, two.address],
    ]);
    expect((await subject.registerBroker({ brokerId: 1 })).brokerEpoch).toBe('9');
  });

  it('gives up on a silent voter after its attempt deadline and asks another', async () => {
    const silent = await controller({ RegisterBroker: () => new Promise(() => undefined) });
    const two = await controller(active(3));
    const subject = channel([
      [1, silent.address],
      [2, two.address],
    ]);
    const started = Date.now();
    const response = await subject.registerBroker({ brokerId: 1 }, { timeoutMs: 2_000, attemptTimeoutMs: 200 });
    expect(response.brokerEpoch).toBe('3');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('ends within the deadline when no controller is active', async () => {
    const one = await controller(follower(-1));
    const two = await controller(follower(-1));
    const subject = channel([
      [1, one.address],
      [2, two.address],
    ]);
    const started = Date.now();
    const error = await subject.registerBroker({ brokerId: 1 }, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrookError);
    expect((error as BrookError).code).toBe('NOT_CONTROLLER');
    // Far below the default request timeout (30 s), with room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(one.calls.length).toBeGreaterThan(1);
  });

  it('stays NOT_CONTROLLER when the last retry runs out of the call time', async () => {
    // The first answer refuses; the retry after it hangs until the call's deadline ends it.
    let calls = 0;
    const one = await controller({
      RegisterBroker: () => {
        calls += 1;
        if (calls === 1) throw notControllerError(-1);
        return new Promise(() => undefined);
      },
    });
    const error = await channel([[1, one.address]]).registerBroker({ brokerId: 1 }, { timeoutMs: 400 }).catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(error).toMatchObject({ code: 'NOT_CONTROLLER' });
    expect((error as BrookError).message).toContain('last: NOT_CONTROLLER');
  });

  it('hands out other controller errors at once, as BrookErrors', async () => {
    const one = await controller({
      BrokerHeartbeat: () => {
        throw new BrookError('STALE_BROKER_EPOCH', 'epoch 3 is not 4');
      },
    });
    const subject = channel([[1, one.address]]);
    const error = await subject.brokerHeartbeat({ brokerId: 1, brokerEpoch: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STALE_BROKER_EPOCH', message: 'epoch 3 is not 4' });
    expect(one.calls).toEqual(['BrokerHeartbeat']);
  });

  it('hands out a REQUEST_TIMED_OUT the controller sent itself, without asking another voter', async () => {
    const one = await controller({
      CreateTopics: () => {
        throw new BrookError('REQUEST_TIMED_OUT', 'the commit did not complete in time');
      },
    });
    const two = await controller(follower(1));
    const subject = channel([
      [1, one.address],
      [2, two.address],
    ]);
    await expect(subject.createTopics({ request: { topics: [{ name: 't' }] } })).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT', message: 'the commit did not complete in time' });
    expect(two.calls).toEqual([]);
  });

  it('cancels a call when its signal aborts, and every call once closed', async () => {
    const one = await controller({ FetchMetadata: () => new Promise(() => undefined) });
    const subject = channel([[1, one.address]]);
    const abort = new AbortController();
    const pending = subject.fetchMetadata({ afterOffset: -1, maxWaitMs: 10_000 }, { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
    subject.close();
    await expect(subject.describeQuorum()).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
  });
});
