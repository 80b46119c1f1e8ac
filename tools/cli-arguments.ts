/** Command-line options for one subcommand (of cli/, evals/ or bench/), with a usage text on any mistake. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` strictly: an unknown option, a missing value or an unexpected positional argument
 * ends with the command's usage text.
 */
export function parseCommandArgs<const O extends Options, const P extends boolean = false>(
  args: string[],
  options: O,
  usage: string,
  allowPositionals?: P,
) {
  try {
    return parseArgs({ args, options, allowPositionals: (allowPositionals ?? false) as P, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** The one positional argument a command takes, or a usage error naming what it wanted. */
export function onlyArgument(positionals: readonly string[], what: string, usage: string): string {
  const [value, extra] = positionals;
  if (value === undefined || extra !== undefined) throw new CliError(`give exactly one ${what}\n\n${usage}`);
  return value;
}
