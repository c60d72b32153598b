// Metadata: the brokers, the controller and, per topic, partition leaders, epochs, replicas and
// ISR, answered from the MetadataView. A named topic that does not exist is an error entry
// (Brook never auto-creates topics, whatever allow_auto_topic_creation says).
import { BrookError, NODE_ID_NONE, errorCodeNumber, validateTopicName } from '@brook/protocol';
import type { MetadataRequest__Output, MetadataResponse, TopicMetadata } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';
import type { TopicState } from '../../metadata/metadata-view.js';
import { brokerNodes } from './broker-nodes.js';

export function metadataHandler(context: HandlerContext) {
  return unary<MetadataRequest__Output, MetadataResponse>('Metadata', context, async (request) => {
    const { metadata } = context;
    // Fenced or unregistered brokers' replicas are offline (Kafka's offline_replicas).
    const live = new Set(metadata.brokers().filter((broker) => !broker.fenced).map((broker) => broker.nodeId));
    const topics = request.topics.length === 0 ? metadata.topics().map((topic) => describeTopic(topic, live)) : request.topics.map((name) => describeNamedTopic(context, name, live));
    return { brokers: brokerNodes(metadata.brokers()), clusterId: metadata.clusterId, controllerId: metadata.controllerId(), topics };
  });
}

function describeNamedTopic(context: HandlerContext, name: string, live: ReadonlySet<number>): TopicMetadata {
  const invalid = validateTopicName(name);
  const error = invalid !== null ? new BrookError('INVALID_TOPIC_EXCEPTION', invalid) : null;
  const topic = error === null ? context.metadata.topic(name) : undefined;
  if (topic !== undefined) return describeTopic(topic, live);
  const reason = error ?? new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`);
  return { errorCode: errorCodeNumber(reason.code), errorMessage: reason.message, name, topicId: '', isInternal: false, partitions: [] };
}

function describeTopic(topic: TopicState, live: ReadonlySet<number>): TopicMetadata {
  return {
    errorCode: 0,
    errorMessage: '',
    name: topic.name,
    topicId: topic.topicId,
    isInternal: false,
    partitions: topic.partitions.map((partition) => ({
      // A partition without a leader (its ISR is all down) says so, as Kafka does.
      errorCode: partition.leaderId === NODE_ID_NONE ? errorCodeNumber('LEADER_NOT_AVAILABLE') : 0,
      partition: partition.partition,
      leaderId: partition.leaderId,
      leaderEpoch: partition.leaderEpoch,
      replicas: [...partition.replicas],
      isr: [...partition.isr],
      offlineReplicas: partition.replicas.filter((replica) => !live.has(replica)),
    })),
  };
}
