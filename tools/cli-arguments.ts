/** Command-line options for one subcommand (of cli/, evals/ or bench/), with a usage text on any mistake. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `--help` or `-h` was given: the command stops there and its usage text is the answer, printed on
 * stdout with exit code 0 (cli/main.ts does both).
 */
export class HelpRequested extends CliError {
  constructor(usage: string) {
    super(usage, 0);
    this.name = 'HelpRequested';
  }
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses `args` strictly: an unknown option, a missing value or an unexpected positional argument
 * ends with the command's usage text. Every command takes `--help` (`-h`), anywhere before `--`,
 * even beside a mistake: it throws HelpRequested with the usage text.
 */
export function parseCommandArgs<const O extends Options, const P extends boolean = false>(
  args: string[],
  options: O,
  usage: string,
  allowPositionals?: P,
) {
  if (asksForHelp(args, options)) throw new HelpRequested(usage);
  try {
    return parseArgs({ args, options, allowPositionals: (allowPositionals ?? false) as P, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** Whether `--help` or `-h` is among the options (not a value of another option, nor after `--`). */
function asksForHelp(args: string[], options: Options): boolean {
  const { tokens } = parseArgs({
    args,
    options: { ...options, ...HELP_OPTION },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  return tokens.some((token) => token.kind === 'option' && token.name === 'help');
}

/** The value of option `--name` as a positive number, or a usage error naming the option. */
export function positiveNumber(name: string, value: string, usage: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new CliError(`--${name} must be a positive number\n${usage}`);
  return number;
}

/** The one positional argument a command takes, or a usage error naming what it wanted. */
export function onlyArgument(positionals: readonly string[], what: string, usage: string): string {
  const [value, extra] = positionals;
  if (value === undefined || extra !== undefined) throw new CliError(`give exactly one ${what}\n\n${usage}`);
  return value;
}
