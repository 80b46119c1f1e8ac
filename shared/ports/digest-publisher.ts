/** The port for delivering daily digests (the digest SNS topic in AWS and in the local emulator). */
import type { DigestEmail } from '../alerts/digest-email.ts';

export interface DigestPublisher {
  /** Publishes one digest to its recipient alone and returns the delivery service's message id. */
  publish(digest: DigestEmail): Promise<string>;
}
