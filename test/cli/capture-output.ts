/** Captures what a command prints (console and the standard streams), so tests can run `main` in process. */
import { vi } from 'vitest';

export interface CapturedOutput {
  stdout(): string;
  stderr(): string;
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
      out.push(`${parts.join(' ')}\n`);
    }),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
      err.push(`${parts.join(' ')}\n`);
    }),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    }),
  ];
  return {
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
