/** Dates as the alert emails write them, in UTC: "Tue 24 Nov 2026, 06:30 UTC" and "Tue 24 Nov 2026". */

const dateParts = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const timeParts = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

function parsed(value: string): Date | null {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(at.getTime()) ? null : at;
}

// en-GB writes "Tue, 24 Nov 2026"; the emails write "Tue 24 Nov 2026".
const day = (at: Date) => dateParts.format(at).replace(',', '');

export function formatDateTime(value: string | null): string {
  const at = value === null ? null : parsed(value);
  return at === null ? 'date unknown' : `${day(at)}, ${timeParts.format(at)} UTC`;
}

export function formatDay(value: string): string {
  const at = parsed(value);
  return at === null ? value : day(at);
}
