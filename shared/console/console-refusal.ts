/**
 * Why a console use case refuses a request, in terms the HTTP layer maps to a status: the input is
 * wrong, the thing is missing, the analyst may not touch it, or it clashes with what exists.
 */
export type RefusalKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

export class ConsoleRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleRefusal';
  }
}
