// CorrelatedStreamChannel (as the producer uses it, on ProduceStream) against small BrookClient
// servers on loopback: answers find their
// requests by correlation id whatever their order, a request unanswered past its timeout fails
// with REQUEST_TIMED_OUT, a broker ending the stream fails what is in flight (retriable), and a
// broker without ProduceStream gets every request, in flight or later, as a unary Produce; a
// cancelled request fails at once.
import { afterEach, describe, expect, it } from 'vitest';
import { Server, ServerCredentials, type ServerDuplexStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { brookClientServiceDefinition, createBrookClient, isBrookError, type BrookClientClient, type ProduceRequest, type ProduceResponse, type ProduceResponse__Output, type ProduceStreamRequest__Output, type ProduceStreamResponse } from '@brook/protocol';
import { CorrelatedStreamChannel, type CorrelatedStream, type UnarySend } from './correlated-stream.js';

type StreamCall = ServerDuplexStream<ProduceStreamRequest__Output, ProduceStreamResponse>;
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

async function serve(handlers: UntypedServiceImplementation): Promise<BrookClientClient> {
  const server = new Server();
  server.addService(brookClientServiceDefinition(), handlers);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  const stub = createBrookClient(`127.0.0.1:${port}`);
  cleanup.push(() => server.forceShutdown());
  cleanup.push(() => stub.close());
  return stub;
}

const request = (topic: string): ProduceRequest => ({ acks: -1, timeoutMs: 1000, topics: [{ name: topic, partitions: [{ partition: 0, records: Buffer.from('x') }] }] });
const answerFor = (topic: string): ProduceResponse => ({ topics: [{ name: topic, partitions: [{ partition: 0, errorCode: 0, baseOffset: 7 }] }] });
/** A ProduceStream handler that answers requests for `topic` and leaves the others unanswered. */
const answersOnlyTopic = (topic: string) => (call: StreamCall) =>
  call.on('data', (message: ProduceStreamRequest__Output) => {
    if (message.request?.topics[0]?.name === topic) call.write({ correlationId: message.correlationId, response: answerFor(topic) });
  });
const unusedUnary = (): Promise<never> => Promise.reject(new Error('unary must not be used'));

function produceChannel(stub: BrookClientClient, unary: UnarySend<ProduceRequest, ProduceResponse__Output>): CorrelatedStreamChannel<ProduceRequest, ProduceResponse__Output> {
  return new CorrelatedStreamChannel<ProduceRequest, ProduceResponse__Output>('Produce', () => stub.ProduceStream() as CorrelatedStream<ProduceRequest, ProduceResponse__Output>, unary);
}

describe('CorrelatedStreamChannel', () => {
  it('matches answers to requests by correlation id, whatever their order, on one stream', async () => {
    let streams = 0;
    const stub = await serve({
      ProduceStream: (call: StreamCall) => {
        streams++;
        const held: ProduceStreamRequest__Output[] = [];
        call.on('data', (message: ProduceStreamRequest__Output) => {
          held.push(message);
          // Answer in reverse order once three arrived.
          if (held.length === 3) for (const m of held.reverse()) call.write({ correlationId: m.correlationId, response: answerFor(m.request?.topics[0]?.name ?? '') });
        });
      },
    });
    const channel = produceChannel(stub, unusedUnary);
    cleanup.push(() => channel.close());
    const answers = await Promise.all(['a', 'b', 'c'].map((topic) => channel.send(request(topic), 5000)));
    expect(answers.map((answer) => answer.topics[0]?.name)).toEqual(['a', 'b', 'c']);
    expect(streams).toBe(1);
  });

  it('fails a request unanswered within its timeout with REQUEST_TIMED_OUT, and keeps the stream', async () => {
    const stub = await serve({ ProduceStream: answersOnlyTopic('answered') });
    const channel = produceChannel(stub, unusedUnary);
    cleanup.push(() => channel.close());
    const silent = await channel.send(request('silent'), 100).catch((error: unknown) => error);
    expect(isBrookError(silent) && silent.code).toBe('REQUEST_TIMED_OUT');
    expect((await channel.send(request('answered'), 5000)).topics[0]?.name).toBe('answered');
  });

  it('fails what is in flight with a retriable error when the broker ends the stream, and reopens', async () => {
    let streams = 0;
    const stub = await serve({
      ProduceStream: (call: StreamCall) => {
        streams++;
        call.on('data', (message: ProduceStreamRequest__Output) => {
          if (streams === 1) call.end();
          else call.write({ correlationId: message.correlationId, response: answerFor('again') });
        });
      },
    });
    const channel = produceChannel(stub, unusedUnary);
    cleanup.push(() => channel.close());
    const failed = await channel.send(request('first'), 5000).catch((error: unknown) => error);
    expect(isBrookError(failed) && failed.retriable).toBe(true);
    expect((await channel.send(request('again'), 5000)).topics[0]?.name).toBe('again');
    expect(streams).toBe(2);
  });

  it('sends everything as a unary Produce to a broker without ProduceStream', async () => {
    const stub = await serve({});
    const unary: string[] = [];
    const channel = produceChannel(stub, (sent) => {
      unary.push(sent.topics?.[0]?.name ?? '');
      return Promise.resolve({ topics: [] });
    });
    cleanup.push(() => channel.close());
    await Promise.all([channel.send(request('one'), 5000), channel.send(request('two'), 5000)]);
    await channel.send(request('three'), 5000);
    expect(unary.sort()).toEqual(['one', 'three', 'two']);
  });

  it('close fails the requests in flight', async () => {
    const stub = await serve({ ProduceStream: (call: StreamCall) => call.on('data', () => undefined) });
    const channel = produceChannel(stub, unusedUnary);
    const inFlight = channel.send(request('x'), 5000);
    channel.close();
    const error = await inFlight.catch((caught: unknown) => caught);
    expect(isBrookError(error) && error.code).toBe('REQUEST_CANCELLED');
  });

  it('a cancelled request fails at once with REQUEST_CANCELLED; the stream stays', async () => {
    const stub = await serve({ ProduceStream: answersOnlyTopic('answered') });
    const channel = produceChannel(stub, unusedUnary);
    cleanup.push(() => channel.close());
    const abort = new AbortController();
    const waiting = channel.send(request('held'), 5000, abort.signal);
    abort.abort();
    const error = await waiting.catch((caught: unknown) => caught);
    expect(isBrookError(error) && error.code).toBe('REQUEST_CANCELLED');
    expect((await channel.send(request('answered'), 5000)).topics[0]?.name).toBe('answered');
  });
});

