// The internal BrookController service (proto/brook/v1/controller.proto): what a controller
// registers on its internal listener and what brokers dial, with the contract's message size
// limits on both ends, plus the NOT_CONTROLLER redirect hint that travels in trailing metadata.
import { credentials as grpcCredentials, loadPackageDefinition, Metadata } from '@grpc/grpc-js';
import type { ChannelCredentials, ChannelOptions } from '@grpc/grpc-js';
import type { BrookControllerClient, BrookControllerDefinition } from './generated/brook/v1/BrookController.js';
import type { ProtoGrpcType as ControllerProtoGrpcType } from './generated/controller.js';
import { BrookError } from './brook-error.js';
import { rpcMessageSizeOptions } from './limits.js';
import { loadBrookPackageDefinition } from './loader.js';
import { toServiceError, type BrookServiceError } from './service-error.js';

/** The fully qualified name of the controller service. */
export const BROOK_CONTROLLER_SERVICE_NAME = 'brook.v1.BrookController';

/** Trailing metadata key of a NOT_CONTROLLER answer: the active controller's node id, or -1. */
export const CONTROLLER_ID_METADATA_KEY = 'brook-controller-id';

let cachedControllerObject: ControllerProtoGrpcType | undefined;

function loadControllerProto(): ControllerProtoGrpcType {
  cachedControllerObject ??= loadPackageDefinition(loadBrookPackageDefinition()) as unknown as ControllerProtoGrpcType;
  return cachedControllerObject;
}

/** The service definition a controller passes to `server.addService(definition, handlers)`. */
export function brookControllerServiceDefinition(): BrookControllerDefinition {
  return loadControllerProto().brook.v1.BrookController.service;
}

/** A BrookController stub for a controller's internal listener ("host:port"). Close it with `client.close()`. */
export function createBrookControllerClient(
  address: string,
  credentials: ChannelCredentials = grpcCredentials.createInsecure(),
  options: ChannelOptions = rpcMessageSizeOptions(),
): BrookControllerClient {
  const BrookController = loadControllerProto().brook.v1.BrookController;
  return new BrookController(address, credentials, options);
}

/**
 * The status a controller that is not active answers with: NOT_CONTROLLER, plus the active
 * controller's id (-1 when unknown) in `brook-controller-id` so the caller can go there directly.
 */
export function notControllerError(activeControllerId: number, message?: string): BrookServiceError {
  const error = toServiceError(
    new BrookError('NOT_CONTROLLER', message ?? `this node is not the active controller (active: ${activeControllerId < 0 ? 'unknown' : activeControllerId})`),
  );
  (error.metadata ?? new Metadata()).set(CONTROLLER_ID_METADATA_KEY, String(activeControllerId));
  return error;
}

/**
 * The active controller's id carried by a NOT_CONTROLLER failure: from the raw gRPC error, or
 * from a BrookError whose `cause` is that error (fromServiceError keeps it). -1 when absent.
 */
export function controllerIdHint(error: unknown): number {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 3; depth++) {
    const metadata = (current as { metadata?: unknown }).metadata;
    if (metadata instanceof Metadata) {
      const value = metadata.get(CONTROLLER_ID_METADATA_KEY)[0];
      if (value !== undefined) {
        const id = Number(value);
        return Number.isSafeInteger(id) ? id : -1;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return -1;
}
