/**
 * A request a console use case refuses because of what the caller asked (a period too long, a cursor
 * that is not one of ours, a filter missing): the API answers it with a 400 and this code and message.
 */
export class ConsoleInputError extends Error {
  constructor(
    readonly code: 'invalid-period' | 'invalid-cursor' | 'missing-filter',
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleInputError';
  }
}
