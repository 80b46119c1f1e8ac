/**
 * Message attributes of Publish and PublishBatch: read from the awsQuery parameters, validated as
 * SNS validates them (names, data types String / String.Array / Number / Binary and their custom
 * `.suffix` forms, values), and kept in the `{Type, Value}` form SNS delivers (Binary stays base64).
 */
import { type QueryParams, readIndexedItems } from './query-request.ts';
import { invalidParameterValue, missingMember } from './sns-error.ts';

export interface DeliveredAttribute {
  readonly Type: string;
  readonly Value: string;
}

export type DeliveredAttributes = Readonly<Record<string, DeliveredAttribute>>;

const MAX_NAME_BYTES = 256;
const NAME_CHARACTER = /^[A-Za-z0-9_.-]$/;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads `prefix.N.Name` / `.Value.DataType` / `.Value.StringValue` / `.Value.BinaryValue`.
 * `memberPath` is how AWS names the map in validation errors, e.g. `messageAttributes`.
 */
export function readMessageAttributes(
  params: QueryParams,
  prefix: string,
  memberPath: string,
): DeliveredAttributes {
  const attributes: Record<string, DeliveredAttribute> = {};
  for (const entry of readIndexedItems(params, prefix)) {
    const name = entry.get('Name');
    if (name === undefined) throw missingMember(`${memberPath}.member.key`);
    validateName(name);
    const dataType = entry.get('Value.DataType');
    if (dataType === undefined) throw missingMember(`${memberPath}.${name}.member.dataType`);
    attributes[name] = { Type: dataType, Value: readValue(name, dataType, entry) };
  }
  return attributes;
}

/** Bytes the attributes add to a message: names, types and values all count toward the 256 KB limit. */
export function attributesSize(attributes: DeliveredAttributes): number {
  return Object.entries(attributes).reduce(
    (sum, [name, { Type, Value }]) =>
      sum + Buffer.byteLength(name) + Buffer.byteLength(Type) + Buffer.byteLength(Value),
    0,
  );
}

function readValue(name: string, dataType: string, entry: QueryParams): string {
  if (!DATA_TYPE.test(dataType)) {
    throw invalidParameterValue(
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  const stringValue = entry.get('Value.StringValue');
  const binaryValue = entry.get('Value.BinaryValue');
  const emptyValue = invalidParameterValue(
    `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`,
  );
  if (stringValue === undefined && binaryValue === undefined) throw emptyValue;

  const isBinary = dataType.startsWith('Binary');
  const value = isBinary ? binaryValue : stringValue;
  if (value === undefined) {
    throw invalidParameterValue(
      `The message attribute '${name}' with type '${dataType}' must use field '${isBinary ? 'Binary' : 'String'}'.`,
    );
  }
  if (value === '') throw emptyValue;
  if (dataType.startsWith('Number') && !(NUMBER.test(value) && Number.isFinite(Number(value)))) {
    throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
  }
  if (dataType === 'String.Array' && !isJsonArrayOfScalars(value)) {
    throw invalidParameterValue(
      `The message attribute '${name}' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.`,
    );
  }
  return value;
}

function validateName(name: string): void {
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
  }
  if (name.startsWith('.')) {
    throw invalidParameterValue("Invalid message attribute name starting with character '.' was found.");
  }
  if (name.endsWith('.')) {
    throw invalidParameterValue("Invalid message attribute name ending with character '.' was found.");
  }
  for (const character of name) {
    if (!NAME_CHARACTER.test(character)) {
      const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase();
      throw invalidParameterValue(
        `Invalid non-alphanumeric character '#x${code}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
      );
    }
  }
  if (name.includes('..')) {
    throw invalidParameterValue("Message attribute name can not have successive '.' character.");
  }
}

function isJsonArrayOfScalars(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return (
      Array.isArray(parsed) &&
      parsed.every((element) => element === null || ['string', 'number', 'boolean'].includes(typeof element))
    );
  } catch {
    return false;
  }
}
