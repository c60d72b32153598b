// Metadata: the brokers, the controller and, per topic, partition leaders, epochs, replicas and
// ISR, answered from the MetadataView. A named topic that does not exist is an error entry
// (Brook never auto-creates topics, whatever allow_auto_topic_creation says).
import { BrookError, errorCodeNumber, validateTopicName } from '@brook/protocol';
import type { MetadataRequest__Output, MetadataResponse, TopicMetadata } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';
import type { TopicState } from '../../metadata/metadata-view.js';
import { brokerNodes } from './broker-nodes.js';

export function metadataHandler(context: HandlerContext) {
  return unary<MetadataRequest__Output, MetadataResponse>('Metadata', context, async (request) => {
    const { metadata } = context;
    const topics = request.topics.length === 0 ? metadata.topics().map(describeTopic) : request.topics.map((name) => describeNamedTopic(context, name));
    return { brokers: brokerNodes(metadata.brokers()), clusterId: metadata.clusterId, controllerId: metadata.controllerId(), topics };
  });
}

function describeNamedTopic(context: HandlerContext, name: string): TopicMetadata {
  const invalid = validateTopicName(name);
  const error = invalid !== null ? new BrookError('INVALID_TOPIC_EXCEPTION', invalid) : null;
  const topic = error === null ? context.metadata.topic(name) : undefined;
  if (topic !== undefined) return describeTopic(topic);
  const reason = error ?? new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`);
  return { errorCode: errorCodeNumber(reason.code), errorMessage: reason.message, name, topicId: '', isInternal: false, partitions: [] };
}

function describeTopic(topic: TopicState): TopicMetadata {
  return {
    errorCode: 0,
    errorMessage: '',
    name: topic.name,
    topicId: topic.topicId,
    isInternal: false,
    partitions: topic.partitions.map((partition) => ({
      errorCode: 0,
      partition: partition.partition,
      leaderId: partition.leaderId,
      leaderEpoch: partition.leaderEpoch,
      replicas: [...partition.replicas],
      isr: [...partition.isr],
      offlineReplicas: [],
    })),
  };
}
