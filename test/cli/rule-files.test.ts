/** Rules given on the command line or in a rules file: ids must be unique, names one line of text. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as match } from '../../cli/commands/match.ts';
import { main as rules } from '../../cli/commands/rules.ts';
import { main as run } from '../../cli/commands/run.ts';
import { CliError } from '../../tools/cli-error.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirewatch-rule-files-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rulesFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe('rules files', () => {
  it('match refuses a rules file that gives one id to two rules, naming the id', async () => {
    // Prepare
    const path = await rulesFile('match-rules.json', [
      { id: 'pk-us', query: 'pair:PK-US' },
      { id: 'ct', query: 'counterterrorism' },
      { id: 'pk-us', query: 'country:PK' },
    ]);

    // Act
    const outcome = match(['--rules', path, join(dir, 'unread.jsonl')]);

    // Assess
    await expect(outcome).rejects.toThrow(
      new CliError(`${path}: each rule needs its own id; repeated: pk-us`),
    );
  });

  it('run refuses duplicate ids and multi-line names before starting anything', async () => {
    // Prepare
    const duplicated = await rulesFile('run-duplicated.json', [
      { id: 'ct', query: 'counterterrorism' },
      { id: 'ct', query: 'dialogue' },
    ]);
    const multiLine = await rulesFile('run-multi-line.json', [
      { id: 'ct', name: 'CT\r\nBcc: someone@example.com', query: 'counterterrorism' },
    ]);

    // Act
    const duplicatedRun = await run(['--rules', duplicated]).catch((error: unknown) => error);
    const multiLineRun = await run(['--rules', multiLine]).catch((error: unknown) => error);

    // Assess
    expect(duplicatedRun).toEqual(new CliError('each rule needs its own id; repeated: ct'));
    expect(duplicatedRun).toBeInstanceOf(CliError);
    expect((multiLineRun as CliError).message).toMatch(/^rule ct: a rule name is one line of text/);
  });
});

describe('rules add', () => {
  it('refuses a --name with CR or LF before opening any state', async () => {
    // Act
    const outcome = rules([
      'add',
      '--id',
      'ct',
      '--name',
      'CT\r\nBcc: someone@example.com',
      'counterterrorism',
    ]);

    // Assess
    await expect(outcome).rejects.toThrow(/--name: a rule name is one line of text/);
  });
});
