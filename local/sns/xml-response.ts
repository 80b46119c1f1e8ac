/**
 * Writes awsQuery XML replies in the SNS 2010-03-31 namespace: `<XResponse><XResult>…` for
 * successes and `<ErrorResponse>` for errors, both carrying the request id.
 */
import type { SnsError } from './sns-error.ts';

const SNS_NAMESPACE = 'https://sns.amazonaws.com/doc/2010-03-31/';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#xD;');
}

/** `<name>text</name>`, with the text escaped. */
export function textElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** A list as awsQuery writes it: each item's XML wrapped in `<member>`. */
export function memberList(name: string, memberXml: readonly string[]): string {
  return `<${name}>${memberXml.map((xml) => `<member>${xml}</member>`).join('')}</${name}>`;
}

/** A string map as awsQuery writes it: `<entry><key>…</key><value>…</value></entry>`. */
export function entryMap(name: string, map: Readonly<Record<string, string>>): string {
  const entries = Object.entries(map).map(
    ([key, value]) => `<entry>${textElement('key', key)}${textElement('value', value)}</entry>`,
  );
  return `<${name}>${entries.join('')}</${name}>`;
}

/** The full success document; `resultXml` is the content of `<ActionResult>`, absent for actions without one. */
export function successResponse(action: string, resultXml: string | undefined, requestId: string): string {
  const result = resultXml === undefined ? '' : `<${action}Result>${resultXml}</${action}Result>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${SNS_NAMESPACE}">${result}` +
    `<ResponseMetadata>${textElement('RequestId', requestId)}</ResponseMetadata></${action}Response>`
  );
}

export function errorResponse(error: SnsError, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${SNS_NAMESPACE}"><Error>` +
    `${textElement('Type', error.faultType)}${textElement('Code', error.code)}${textElement('Message', error.message)}` +
    `</Error>${textElement('RequestId', requestId)}</ErrorResponse>`
  );
}
