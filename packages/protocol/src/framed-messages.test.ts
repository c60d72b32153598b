// Framed messages: a serializer's framed buffer goes out as its own gRPC frame (no copy), any
// other message as grpc-js frames it, and both arrive intact over a real grpc-js connection.
import { credentials, makeGenericClientConstructor, type ServerDuplexStream } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { allocateFramedMessage, frameMessage, GRPC_FRAME_PREFIX_BYTES, installFramedRequests, installFramedResponses } from './framed-messages.js';
import { bindRpcServer, createRpcServer } from './rpc-server.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function framedCopy(text: string): Buffer {
  const message = allocateFramedMessage(Buffer.byteLength(text));
  message.write(text);
  return message;
}

describe('frameMessage', () => {
  it('frames a framed message in place and copies any other, with the same prefix', () => {
    const framed = framedCopy('hello');
    const inPlace = frameMessage(framed);
    expect(inPlace.buffer).toBe(framed.buffer);
    expect(inPlace.byteOffset).toBe(framed.byteOffset - GRPC_FRAME_PREFIX_BYTES);
    const plain = Buffer.alloc(5); // not from the pool that allocUnsafe shares
    plain.write('hello');
    const copied = frameMessage(plain);
    expect(copied.buffer).not.toBe(plain.buffer);
    expect(inPlace).toEqual(copied);
    expect([...copied.subarray(0, GRPC_FRAME_PREFIX_BYTES)]).toEqual([0, 0, 0, 0, 5]);
    // A view into a larger buffer is framed as the view, not the whole buffer.
    expect(frameMessage(Buffer.from('xxhelloxx').subarray(2, 7))).toEqual(copied);
  });
});

describe('installFramedResponses / installFramedRequests', () => {
  it('find grpc-js serializeMessage and the identity writeMessage (a grpc-js upgrade that moves them fails here)', () => {
    expect(installFramedResponses()).toBe(true);
    expect(installFramedResponses()).toBe(true);
    expect(installFramedRequests()).toBe(true);
    expect(installFramedRequests()).toBe(true);
  });

  it('send framed and plain requests and answers intact over a stream', async () => {
    installFramedRequests();
    const identity = (value: Buffer): Buffer => value;
    const definition = {
      Echo: { path: '/brook.test.Framed/Echo', requestStream: true, responseStream: true, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity },
    };
    const server = createRpcServer({});
    server.addService(definition, {
      Echo: (call: ServerDuplexStream<Buffer, Buffer>) => {
        call.on('data', (request: Buffer) => {
          const text = request.toString();
          // Odd requests are answered with framed buffers, even ones with plain buffers.
          call.write(Number(text.split('-')[1]) % 2 === 1 ? framedCopy(`re:${text}`) : Buffer.from(`re:${text}`));
        });
        call.on('end', () => call.end());
      },
    });
    const port = await bindRpcServer(server, '127.0.0.1:0');
    cleanups.push(() => server.forceShutdown());
    const Client = makeGenericClientConstructor(definition, 'Framed');
    const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
    cleanups.push(() => client.close());
    const call = (client as unknown as { Echo: () => NodeJS.ReadWriteStream & { write: (b: Buffer) => boolean; end: () => void } }).Echo();
    const answers: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on('data', (answer: Buffer) => answers.push(answer.toString()));
      call.on('end', resolve);
      call.on('error', reject);
    });
    const requests = Array.from({ length: 20 }, (_, index) => `m-${index}-${'x'.repeat(index * 1000)}`);
    requests.forEach((request, index) => call.write(index % 3 === 0 ? framedCopy(request) : Buffer.from(request)));
    call.end();
    await done;
    expect(answers).toEqual(requests.map((request) => `re:${request}`));
  });
});
