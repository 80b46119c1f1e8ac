/**
 * Date stamps left in the text: "Nov. 20, 2019 9:28 AM UTC", "Published November 20th, 2019 - 07:50
 * GMT", "Updated: 15:23". A line is a stamp when it names a month, a weekday or a clock time and
 * holds nothing else but numbers, time-zone letters and the words that introduce a date; a
 * sentence about a date ("The vote is on November 20") keeps words of its own.
 */

const MONTH =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b\.?/gi;
const WEEKDAY = /\b(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?\b\.?/gi;
const CLOCK_TIME = /\b\d{1,2}[:.h]\d{2}\b/gi;
const DATE_WORDS =
  /\b(published|updated|posted|modified|last|first|on|at|am|pm|a\.m\.|p\.m\.|utc|gmt|[ecmp][sd]t|bst|w?cest?|eest?|ist|jst|hkt|sgt|aest|aedt|msk)\b\.?/gi;
const NUMBER = /\b\d+(st|nd|rd|th)?\b/gi;
const LEFTOVER = /[\p{L}]/u;
// A stamp is short; a long line naming a month is prose or a list.
const MAX_STAMP_LENGTH = 60;

export function isDateStampLine(line: string): boolean {
  if (line.length > MAX_STAMP_LENGTH) return false;
  const hasDate = line.search(MONTH) >= 0 || line.search(WEEKDAY) >= 0 || line.search(CLOCK_TIME) >= 0;
  if (!hasDate) return false;
  const rest = line
    .replace(CLOCK_TIME, ' ')
    .replace(MONTH, ' ')
    .replace(WEEKDAY, ' ')
    .replace(DATE_WORDS, ' ')
    .replace(NUMBER, ' ');
  return !LEFTOVER.test(rest);
}
