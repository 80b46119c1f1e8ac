/**
 * `wirewatch digest` without --day sends yesterday's digest, which right after a first run holds
 * nothing: the command says which day it covers and how today's matches are sent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/commands/digest.ts';
import { previousUtcDay } from '../../shared/pipeline/send-daily-digests.ts';
import { captureOutput } from './capture-output.ts';

let state: string;

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'wirewatch-digest-'));
});

afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('wirewatch digest by default', () => {
  it("covers yesterday, says so, and tells how to send today's matches", async () => {
    // Prepare
    const output = captureOutput();

    // Act
    let status: number;
    try {
      status = await main(['--state', state]);
    } finally {
      output.restore();
    }

    // Assess
    const today = new Date().toISOString().slice(0, 10);
    expect(status).toBe(0);
    expect(output.stdout()).toContain(
      `daily digest for ${previousUtcDay(new Date())} (UTC, yesterday: a digest covers one whole UTC day)`,
    );
    expect(output.stdout()).toContain(`Matches from today (${today}) go into tomorrow's digest`);
    expect(output.stdout()).toContain(`--day ${today}`);
  }, 60_000);
});
