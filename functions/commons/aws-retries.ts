/**
 * How often the functions' AWS clients try one call before the record fails: five attempts (the SDK's
 * standard mode, with its backoff and retry quota) instead of the default three. A failed record costs
 * a whole SQS redelivery, and after three the message is dead-lettered. Under sustained faults (wirewatch
 * chaos fails 20 % of attempts) a call exhausts three attempts 0.8 % of the time; a classify record makes
 * about 16 calls, so 12 % of its deliveries fail and about one message in 600 fails all three. With five
 * attempts a call fails 0.03 % of the time, a delivery 0.5 %, three in a row about one in ten million.
 * Lambda's timeouts (90 s and more) leave room for the longer backoff.
 */
export const AWS_MAX_ATTEMPTS = 5;
