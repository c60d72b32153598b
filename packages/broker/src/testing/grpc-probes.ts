// Clients for grpc.health.v1.Health/Check and grpc.reflection.v1(alpha) ServerReflectionInfo,
// built from the proto files the grpc-health-check and @grpc/reflection packages ship, so a
// test needs no generated code and no grpcurl.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { credentials, loadPackageDefinition, type GrpcObject, type ServiceClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';

const require = createRequire(import.meta.url);

type UnaryMethod = (request: unknown, callback: (error: ServiceError | null, response: unknown) => void) => void;

/** The serving status the health service reports for `service` ('' = the whole server). */
export async function checkHealth(address: string, service = ''): Promise<string> {
  const Health = serviceConstructor(loadPackageDefinition(loadSync(healthProtoPath, { keepCase: true, enums: String })), 'grpc.health.v1.Health');
  const client = new Health(address, credentials.createInsecure());
  try {
    const response = await new Promise<unknown>((resolve, reject) => {
      (client as unknown as { Check: UnaryMethod }).Check({ service }, (error, value) => (error ? reject(error) : resolve(value)));
    });
    return (response as { status: string }).status;
  } finally {
    client.close();
  }
}

/** The service names the server lists through reflection (grpc.reflection.v1alpha). */
export async function listServicesByReflection(address: string): Promise<string[]> {
  const reflectionRoot = dirname(require.resolve('@grpc/reflection/package.json'));
  const protoFile = join(reflectionRoot, 'build', 'proto', 'grpc', 'reflection', 'v1alpha', 'reflection.proto');
  const Reflection = serviceConstructor(loadPackageDefinition(loadSync(protoFile, { keepCase: true })), 'grpc.reflection.v1alpha.ServerReflection');
  const client = new Reflection(address, credentials.createInsecure()) as unknown as { ServerReflectionInfo(): NodeJS.ReadWriteStream & { write(message: unknown): boolean; end(): void }; close(): void };
  try {
    return await new Promise<string[]>((resolve, reject) => {
      const stream = client.ServerReflectionInfo();
      stream.on('data', (response: { list_services_response?: { service: Array<{ name: string }> } }) => {
        resolve((response.list_services_response?.service ?? []).map((entry) => entry.name).sort());
        stream.end();
      });
      stream.on('error', reject);
      stream.write({ list_services: '*' });
    });
  } finally {
    client.close();
  }
}

/** The client constructor of the service at a dotted path of a loaded package definition. */
function serviceConstructor(root: GrpcObject, path: string): ServiceClientConstructor {
  let node: unknown = root;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'function') throw new Error(`no service ${path} in the loaded proto`);
  return node as ServiceClientConstructor;
}
