/**
 * How often the functions' AWS clients try one call before the record fails: five attempts (the SDK's
 * standard mode, with its backoff and retry quota) instead of the default three. A failed record costs
 * a whole SQS redelivery, and after three the message is dead-lettered. Under sustained faults (wirewatch
 * chaos fails 20 % of attempts) a call exhausts three attempts 0.8 % of the time and a classify record
 * makes about 16 calls, so about one classify message in 500 would use up its receives; with five
 * attempts (0.03 % a call) about one in 50,000. Lambda's timeouts (90 s and more) leave room for the
 * longer backoff.
 */
export const AWS_MAX_ATTEMPTS = 5;
