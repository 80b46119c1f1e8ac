/** Prints an email the local SNS emulator delivered, as a person would read it, and where it was saved. */
import { isAbsolute, relative } from 'node:path';
import type { EmailDelivery } from '../local/sns/sns-emulator.ts';
import { withoutOwnDirectionMarks } from '../shared/alerts/email-text.ts';
import { terminalLine, terminalText } from '../shared/text/terminal-text.ts';

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/** The path relative to the working directory when it lies inside it, else as it is. */
function displayPath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

/** The body and subject are wirewatch's own composition: the only direction marks in them are its own. */
export function printEmail(kind: 'Alert' | 'Digest', email: EmailDelivery): void {
  const subject = withoutOwnDirectionMarks(email.subject);
  console.log(`\n✉  ${kind} to ${terminalLine(email.to)}\n   Subject: ${terminalLine(subject)}\n`);
  console.log(indent(terminalText(withoutOwnDirectionMarks(email.body).trimEnd())));
  console.log(`\n   Saved as ${displayPath(email.file)}\n`);
}
