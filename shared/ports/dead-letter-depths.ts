/** The port for how many messages wait in each dead-letter queue, for the console's ops view. */
export interface DeadLetterDepth {
  /** Which consumer's dead letters, e.g. feedJobs. */
  queue: string;
  depth: number;
}

export interface DeadLetterDepths {
  depths(): Promise<DeadLetterDepth[]>;
}
