// Loads the wire contract (proto/brook/v1/*.proto) with @grpc/proto-loader, once per process.
// The broker and the client both load through here, so the decoding options below are the one
// place that decides how int64, enums and missing fields look in JavaScript, and the generated
// types in src/generated/ are produced with the same options (scripts/generate-types.mjs).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { PackageDefinition } from '@grpc/proto-loader';
import type { ProtoGrpcType } from './generated/client.js';
import { installMessageDecoders, loadProtobufRoot } from './message-decoders.js';
import type protobuf from 'protobufjs';

/**
 * How protobuf messages become JavaScript objects, for every Brook process.
 *
 * - keepCase false: fields are camelCase in JavaScript (`max_wait_ms` is `maxWaitMs`).
 * - longs String: int64 fields (offsets, timestamps) decode to decimal strings, so no offset
 *   loses precision past 2^53; convert with BigInt(...) where arithmetic is needed. Encoding
 *   accepts a number, a decimal string or a Long.
 * - enums String: enum fields decode to their names (e.g. 'CONFIG_SOURCE_TOPIC').
 * - defaults true: absent scalar fields decode to their proto3 default (0, '', false, empty
 *   bytes, [] for repeated, {} for maps); absent message fields decode to null.
 * - oneofs true: a oneof also decodes to a virtual field naming the member that is set.
 * - bytes: left at the default, so bytes fields (record batches) decode to Buffer.
 */
export const PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;

/** The .proto files the loader starts from, relative to the proto directory; they import the rest. */
export const BROOK_PROTO_FILES: readonly string[] = ['brook/v1/client.proto', 'brook/v1/raft.proto', 'brook/v1/controller.proto', 'brook/v1/replication.proto'];

/** The fully qualified name of the client-facing service. */
export const BROOK_CLIENT_SERVICE_NAME = 'brook.v1.BrookClient';

// This file runs from src/ under vitest and tsx, and from dist/ when built: both sit one level
// below the package root.
const packageRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * The directory holding brook/v1/*.proto. Inside the monorepo that is the top-level proto/, the
 * single source of truth; a packed or deployed copy of the package carries its own proto/ (put
 * there by `pnpm run copy:proto`, see README.md). The monorepo is recognised by its
 * pnpm-workspace.yaml two levels up, so a stray proto/ elsewhere is never picked by accident.
 */
export function resolveProtoDir(): string {
  const repoRoot = join(packageRoot, '..', '..');
  const repoProtoDir = join(repoRoot, 'proto');
  if (existsSync(join(repoRoot, 'pnpm-workspace.yaml')) && hasEntryFiles(repoProtoDir)) return repoProtoDir;
  const packagedProtoDir = join(packageRoot, 'proto');
  if (hasEntryFiles(packagedProtoDir)) return packagedProtoDir;
  throw new Error(
    `@brook/protocol: cannot find ${BROOK_PROTO_FILES.join(', ')} under ${repoProtoDir} or ${packagedProtoDir}; ` +
      'outside the repository, run `pnpm --filter @brook/protocol run copy:proto` before packing or deploying',
  );
}

function hasEntryFiles(protoDir: string): boolean {
  return BROOK_PROTO_FILES.every((file) => existsSync(join(protoDir, file)));
}

let cachedDefinition: PackageDefinition | undefined;
let cachedGrpcObject: ProtoGrpcType | undefined;

/**
 * The parsed package definition (message and service descriptors), loaded once. Its methods
 * decode with compiled decoders (message-decoders.ts): the same objects as proto-loader's, in
 * one pass.
 */
export function loadBrookPackageDefinition(): PackageDefinition {
  if (cachedDefinition === undefined) {
    const definition = loadSync([...BROOK_PROTO_FILES], { ...PROTO_LOADER_OPTIONS, includeDirs: [resolveProtoDir()] });
    installMessageDecoders(definition, brookProtobufRoot());
    cachedDefinition = definition;
  }
  return cachedDefinition;
}

let cachedRoot: protobuf.Root | undefined;

/** The contract's .proto files as protobufjs types (camelCase field names), loaded once. */
export function brookProtobufRoot(): protobuf.Root {
  cachedRoot ??= loadProtobufRoot(BROOK_PROTO_FILES, resolveProtoDir());
  return cachedRoot;
}

/**
 * The gRPC object tree for the contract, loaded once: `loadBrookProto().brook.v1.BrookClient` is
 * the client constructor, and its `.service` the definition a server registers with addService.
 */
export function loadBrookProto(): ProtoGrpcType {
  // loadPackageDefinition returns an untyped GrpcObject; the generated ProtoGrpcType describes
  // exactly this tree because it was generated from the same files with the same options.
  cachedGrpcObject ??= loadPackageDefinition(loadBrookPackageDefinition()) as unknown as ProtoGrpcType;
  return cachedGrpcObject;
}
