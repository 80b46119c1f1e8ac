/**
 * The `wirewatch` command line. Each subcommand lives in its own module, loaded only when used, so
 * `wirewatch classify` does not pay for the emulators that `wirewatch run` starts.
 */
import { terminalText } from '../shared/text/terminal-text.ts';
import { HelpRequested } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';

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
  query: {
    summary:
      'list articles: --pair PK-US|--country|--topic|--source|--rule [--since 7d] [--format table|json|csv]',
    load: async () => (await import('./commands/query.ts')).main,
  },
  replay: {
    summary:
      're-classify the S3 archive into the table: --since DATE [--until] [--prefix] [--dry-run] | --resume',
    load: async () => (await import('./commands/replay.ts')).main,
  },
  rules: {
    summary: "analysts' rules: add --id ID QUERY | list | show ID | remove ID | test QUERY|ID [--since 30d]",
    load: async () => (await import('./commands/rules.ts')).main,
  },
  subscribe: {
    summary:
      'email alerts to an address: --email ADDRESS [--rule ID] [--pair PK-US] [--topic ID] [--country XX] [--digest]',
    load: async () => (await import('./commands/subscribe.ts')).main,
  },
  unsubscribe: {
    summary:
      'remove the alert (or, with --digest, digest) subscriptions of an address: --email ADDRESS [--digest]',
    load: async () => (await import('./commands/unsubscribe.ts')).main,
  },
  digest: {
    summary:
      "send the daily digest of a day's matches to digest subscribers: [--day YYYY-MM-DD] [--state DIR]",
    load: async () => (await import('./commands/digest.ts')).main,
  },
  feeds: {
    summary: 'the feeds polled: add URL [--title T] [--charset C] | list [--broken] | remove URL',
    load: async () => (await import('./commands/feeds.ts')).main,
  },
  eval: {
    summary:
      'measure quality on a corpus: feeds|extraction|reuters|reuters-topics|news|all [--data DIR] [--json]',
    load: async () => (await import('./commands/eval.ts')).main,
  },
  cost: {
    summary:
      'measure the pipeline on the samples and price a month on AWS: [--articles-per-day N] [--feeds F] [--json]',
    load: async () => (await import('./commands/cost.ts')).main,
  },
  'simulate-scale': {
    summary: 'which AWS limit the pipeline meets first at 10× and 100×: [--multiplier N]… [--json]',
    load: async () => (await import('./commands/simulate-scale.ts')).main,
  },
  chaos: {
    summary:
      'inject faults into a local run over a generated corpus and check it: [--articles N] [--feeds F] [--fault-rate R] [--seed S] [--json]',
    load: async () => (await import('./commands/chaos.ts')).main,
  },
  bench: {
    summary:
      'measure speed beside peer libraries or in-house baselines: feeds|extraction|classify|match|bundles|all [--json]',
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
    if (error instanceof HelpRequested) {
      console.log(error.message);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      console.error(`wirewatch ${name}: ${terminalText(error.message)}`);
      return error.exitCode;
    }
    throw error;
  }
}
