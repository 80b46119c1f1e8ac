/**
 * The SNS API actions: each reads its awsQuery parameters, asks the model, and writes the XML of
 * its `<ActionResult>`. Publishing actions also hand back the deliveries to make once replied.
 */
import { readMessageAttributes } from './message-attributes.ts';
import type { PlannedDelivery } from './notification.ts';
import { MAX_MESSAGE_BYTES, validatePublishInput } from './publish-validation.ts';
import { type QueryParams, readIndexedItems, readStringMap, requireParam } from './query-request.ts';
import { invalidParameter, missingMember, SnsError } from './sns-error.ts';
import type { Page, SnsModel, SubscriptionSummary } from './sns-model.ts';
import { entryMap, memberList, textElement } from './xml-response.ts';

export interface ActionOutcome {
  /** Content of `<ActionResult>`; undefined for actions that answer with metadata only. */
  readonly resultXml: string | undefined;
  readonly deliveries: readonly PlannedDelivery[];
}

type ActionHandler = (params: QueryParams, model: SnsModel) => ActionOutcome;

const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]+$/;
const MAX_BATCH_ENTRY_ID_LENGTH = 80;

const handlers: Readonly<Record<string, ActionHandler>> = {
  CreateTopic: (params, model) =>
    result(
      textElement(
        'TopicArn',
        model.createTopic(requireParam(params, 'Name', 'name'), readStringMap(params, 'Attributes.entry')),
      ),
    ),
  DeleteTopic: (params, model) => {
    model.deleteTopic(requireParam(params, 'TopicArn', 'topicArn'));
    return result(undefined);
  },
  ListTopics: (params, model) => {
    const page = model.listTopics(params.get('NextToken'));
    return result(
      memberList(
        'Topics',
        page.items.map((arn) => textElement('TopicArn', arn)),
      ) + nextTokenXml(page),
    );
  },
  GetTopicAttributes: (params, model) =>
    result(entryMap('Attributes', model.getTopicAttributes(requireParam(params, 'TopicArn', 'topicArn')))),
  Subscribe: (params, model) =>
    result(
      textElement(
        'SubscriptionArn',
        model.subscribe(
          requireParam(params, 'TopicArn', 'topicArn'),
          requireParam(params, 'Protocol', 'protocol'),
          params.get('Endpoint'),
          readStringMap(params, 'Attributes.entry'),
        ),
      ),
    ),
  Unsubscribe: (params, model) => {
    model.unsubscribe(requireParam(params, 'SubscriptionArn', 'subscriptionArn'));
    return result(undefined);
  },
  GetSubscriptionAttributes: (params, model) =>
    result(
      entryMap(
        'Attributes',
        model.getSubscriptionAttributes(requireParam(params, 'SubscriptionArn', 'subscriptionArn')),
      ),
    ),
  SetSubscriptionAttributes: (params, model) => {
    model.setSubscriptionAttribute(
      requireParam(params, 'SubscriptionArn', 'subscriptionArn'),
      requireParam(params, 'AttributeName', 'attributeName'),
      params.get('AttributeValue') ?? '',
    );
    return result(undefined);
  },
  ListSubscriptions: (params, model) => subscriptionsResult(model.listSubscriptions(params.get('NextToken'))),
  ListSubscriptionsByTopic: (params, model) =>
    subscriptionsResult(
      model.listSubscriptionsByTopic(requireParam(params, 'TopicArn', 'topicArn'), params.get('NextToken')),
    ),
  Publish: (params, model) => {
    const published = validatePublishInput({
      subject: params.get('Subject'),
      message: params.get('Message'),
      messageStructure: params.get('MessageStructure'),
      attributes: readMessageAttributes(params, 'MessageAttributes.entry', 'messageAttributes'),
    });
    // SNS accepts a topic as TargetArn too.
    const topicArn = params.get('TopicArn') ?? params.get('TargetArn');
    if (topicArn === undefined) {
      throw invalidParameter(
        'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
      );
    }
    const { messageId, deliveries } = model.publish(topicArn, published);
    return { resultXml: textElement('MessageId', messageId), deliveries };
  },
  PublishBatch: publishBatch,
};

export function runAction(action: string, params: QueryParams, model: SnsModel): ActionOutcome {
  const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
  if (!handler) {
    throw new SnsError('InvalidAction', 400, `The action ${action} is not valid for this web service.`);
  }
  return handler(params, model);
}

/**
 * Batch-wide problems (empty or oversized batch, repeated or malformed ids, unknown topic) fail the
 * request; an invalid entry only lands in `Failed`, with the error a single Publish would give.
 */
function publishBatch(params: QueryParams, model: SnsModel): ActionOutcome {
  const topicArn = requireParam(params, 'TopicArn', 'topicArn');
  const entries = readIndexedItems(params, 'PublishBatchRequestEntries.member');
  if (entries.length === 0) {
    throw new SnsError('EmptyBatchRequest', 400, "The batch request doesn't contain any entries.");
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SnsError(
      'TooManyEntriesInBatchRequest',
      400,
      'The batch request contains more entries than permissible.',
    );
  }
  model.requireTopic(topicArn);
  const ids = entries.map((entry, index) => {
    const id = entry.get('Id');
    if (id === undefined) throw missingMember(`publishBatchRequestEntries.${index + 1}.member.id`);
    return id;
  });
  if (new Set(ids).size !== ids.length) {
    throw new SnsError(
      'BatchEntryIdsNotDistinct',
      400,
      'Two or more batch entries in the request have the same Id.',
    );
  }
  for (const id of ids) validateBatchEntryId(id);
  if (entries.reduce((sum, entry) => sum + rawMessageSize(entry), 0) > MAX_MESSAGE_BYTES) {
    throw new SnsError(
      'BatchRequestTooLong',
      400,
      'The length of all the messages put together is more than the limit.',
    );
  }

  const successful: string[] = [];
  const failed: string[] = [];
  const deliveries: PlannedDelivery[] = [];
  for (const [index, entry] of entries.entries()) {
    const id = ids[index] ?? '';
    try {
      const published = validatePublishInput({
        subject: entry.get('Subject'),
        message: entry.get('Message'),
        messageStructure: entry.get('MessageStructure'),
        attributes: readMessageAttributes(
          entry,
          'MessageAttributes.entry',
          `publishBatchRequestEntries.${index + 1}.member.messageAttributes`,
        ),
      });
      const outcome = model.publish(topicArn, published);
      successful.push(textElement('Id', id) + textElement('MessageId', outcome.messageId));
      deliveries.push(...outcome.deliveries);
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      failed.push(
        textElement('Id', id) +
          textElement('Code', error.code) +
          textElement('Message', error.message) +
          textElement('SenderFault', String(error.faultType === 'Sender')),
      );
    }
  }
  return { resultXml: memberList('Successful', successful) + memberList('Failed', failed), deliveries };
}

function validateBatchEntryId(id: string): void {
  if (id.length > MAX_BATCH_ENTRY_ID_LENGTH) {
    throw new SnsError(
      'InvalidBatchEntryId',
      400,
      `The Id of a batch entry in the batch request is too long: ${id}`,
    );
  }
  if (!BATCH_ENTRY_ID.test(id)) {
    throw new SnsError(
      'InvalidBatchEntryId',
      400,
      `The Id of a batch entry in the batch request contains an impermissible character: ${id}`,
    );
  }
}

/** An entry's message and attribute bytes, counted before validation as SNS does for the batch limit. */
function rawMessageSize(entry: QueryParams): number {
  let size = 0;
  for (const [name, value] of entry) {
    if (name === 'Message' || name.startsWith('MessageAttributes.')) size += Buffer.byteLength(value);
  }
  return size;
}

function subscriptionsResult(page: Page<SubscriptionSummary>): ActionOutcome {
  const members = page.items.map(
    (subscription) =>
      textElement('TopicArn', subscription.topicArn) +
      textElement('Protocol', subscription.protocol) +
      textElement('SubscriptionArn', subscription.subscriptionArn) +
      textElement('Owner', subscription.owner) +
      textElement('Endpoint', subscription.endpoint),
  );
  return result(memberList('Subscriptions', members) + nextTokenXml(page));
}

function nextTokenXml(page: Page<unknown>): string {
  return page.nextToken === undefined ? '' : textElement('NextToken', page.nextToken);
}

function result(resultXml: string | undefined): ActionOutcome {
  return { resultXml, deliveries: [] };
}
