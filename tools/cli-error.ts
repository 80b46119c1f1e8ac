/**
 * An error a person can act on: printed as one line on stderr, with a non-zero exit code. It lives
 * apart from cli/ because the evaluations and benchmarks the CLI runs (evals/, bench/) throw it too.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
