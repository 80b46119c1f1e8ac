/**
 * Validates what a Publish (or one PublishBatch entry) carries — subject, message,
 * MessageStructure — with SNS's limits and error messages, and picks the text each protocol gets.
 */
import type { DeliveredAttributes } from './message-attributes.ts';
import { attributesSize } from './message-attributes.ts';
import { invalidParameter, missingMember } from './sns-error.ts';

/** 256 KiB: the message plus all its attributes. */
export const MAX_MESSAGE_BYTES = 262_144;

const MAX_SUBJECT_CHARACTERS = 100;
// Line breaks and other C0/C1 control characters; SNS rejects them in subjects.
const CONTROL_CHARACTER = /\p{Cc}/u;

export interface PublishInput {
  readonly subject: string | undefined;
  readonly message: string | undefined;
  readonly messageStructure: string | undefined;
  readonly attributes: DeliveredAttributes;
}

export interface PublishedMessage {
  readonly subject: string | undefined;
  /** The message, or its `default` entry when MessageStructure is json. */
  readonly message: string;
  /** For MessageStructure=json: the string entries of the JSON message, by protocol name. */
  readonly messagesByProtocol: Readonly<Record<string, string>> | undefined;
  readonly attributes: DeliveredAttributes;
}

export function validatePublishInput(input: PublishInput): PublishedMessage {
  const { subject, message, messageStructure, attributes } = input;
  if (
    subject !== undefined &&
    (subject === '' || [...subject].length > MAX_SUBJECT_CHARACTERS || CONTROL_CHARACTER.test(subject))
  ) {
    throw invalidParameter('Invalid parameter: Subject');
  }
  if (message === undefined) throw missingMember('message');
  if (message === '') throw invalidParameter('Invalid parameter: Empty message');
  if (Buffer.byteLength(message) + attributesSize(attributes) > MAX_MESSAGE_BYTES) {
    throw invalidParameter('Invalid parameter: Message too long');
  }
  if (messageStructure === undefined) return { subject, message, messagesByProtocol: undefined, attributes };
  if (messageStructure !== 'json') throw invalidParameter('Invalid parameter: MessageStructure');

  const messagesByProtocol = parseStructuredMessage(message);
  const defaultMessage = messagesByProtocol.default;
  if (defaultMessage === undefined) {
    throw invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body');
  }
  return { subject, message: defaultMessage, messagesByProtocol, attributes };
}

/** The text a subscription of `protocol` receives: its own key of a json-structured message, else the default. */
export function messageForProtocol(published: PublishedMessage, protocol: string): string {
  const specific = published.messagesByProtocol;
  return specific && Object.hasOwn(specific, protocol)
    ? (specific[protocol] ?? published.message)
    : published.message;
}

function parseStructuredMessage(message: string): Record<string, string> {
  let document: unknown;
  try {
    document = JSON.parse(message);
  } catch {
    throw invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  // Like SNS, keys whose values are not strings are ignored.
  return Object.fromEntries(
    Object.entries(document).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
