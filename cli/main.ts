/**
 * The `wirewatch` command line. Each subcommand lives in its own module, loaded only when used, so
 * `wirewatch classify` does not pay for the emulators that `wirewatch run` starts.
 */
import { CliError } from './cli-error.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: {
    summary: 'run the pipeline locally: [--feeds FILE] [--state DIR] [--watch]',
    load: async () => (await import('./commands/run.ts')).main,
  },
  classify: {
    summary: 'classify {"id","title","text"} documents: [--jsonl] [FILE|-]',
    load: async () => (await import('./commands/classify.ts')).main,
  },
  match: {
    summary: 'match documents against rules: --rules RULES.json [--jsonl] [FILE|-]',
    load: async () => (await import('./commands/match.ts')).main,
  },
  'parse-feed': {
    summary: 'parse a feed file or URL and print it as JSON: FILE|URL',
    load: async () => (await import('./commands/parse-feed.ts')).main,
  },
  extract: {
    summary: 'extract the article from a page: [--url URL] FILE|URL',
    load: async () => (await import('./commands/extract.ts')).main,
  },
  eval: {
    summary: 'measure quality on a corpus: feeds|extraction|reuters [--data DIR] [--json]',
    load: async () => (await import('./commands/eval.ts')).main,
  },
  bench: {
    summary: 'measure speed beside a peer: feeds|extraction|classify|match [--json]',
    load: async () => (await import('./commands/bench.ts')).main,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return ['Usage: wirewatch <command> [options]', '', 'Commands:', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`wirewatch: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(args);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`wirewatch ${name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
