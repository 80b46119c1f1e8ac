/**
 * Errors the emulator answers with, carrying the awsQuery error code and HTTP status that
 * `@aws-sdk/client-sns` maps to its exception classes (NotFound → NotFoundException, …).
 */
export class SnsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SnsError';
  }

  /** awsQuery's `<Type>`: whose fault the error is. */
  get faultType(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

export const notFound = (message: string): SnsError => new SnsError('NotFound', 404, message);

export const invalidParameter = (message: string): SnsError => new SnsError('InvalidParameter', 400, message);

export const invalidParameterValue = (message: string): SnsError =>
  new SnsError('ParameterValueInvalid', 400, message);

/** What AWS answers when a required member is missing, before any SNS-specific validation. */
export const missingMember = (memberPath: string): SnsError =>
  new SnsError(
    'ValidationError',
    400,
    `1 validation error detected: Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
  );
