/**
 * Publication dates as pages write them (ISO 8601 with or without zone, date only, RFC 2822,
 * epoch seconds or milliseconds) turned into ISO 8601 UTC. A time without a zone is read as UTC
 * so that the result does not depend on the machine's time zone.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const EPOCH_SECONDS = /^\d{10}$/;
const EPOCH_MILLISECONDS = /^\d{13}$/;
// Dates before the web or far in the future are template defaults or typos, not publication times.
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function timestampOf(value: string): number {
  if (EPOCH_SECONDS.test(value)) return Number(value) * 1000;
  if (EPOCH_MILLISECONDS.test(value)) return Number(value);
  if (DATE_ONLY.test(value)) return Date.parse(`${value}T00:00:00Z`);
  if (ISO_WITHOUT_ZONE.test(value)) return Date.parse(`${value.replace(' ', 'T')}Z`);
  return Date.parse(value);
}

/** The date as ISO 8601 UTC, or null when it is not a plausible date. */
export function toIsoUtc(value: string): string | null {
  const timestamp = timestampOf(value.trim());
  if (Number.isNaN(timestamp) || timestamp < EARLIEST || timestamp > LATEST) return null;
  return new Date(timestamp).toISOString();
}
