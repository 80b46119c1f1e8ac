/** The port for handing work to the next stage (SQS in AWS, the local runtime's queues on this machine). */
export interface JobQueue<Job> {
  send(jobs: readonly Job[]): Promise<void>;
}
