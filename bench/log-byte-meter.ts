/**
 * Counts the bytes the handlers write to stdout and stderr, which Lambda sends to CloudWatch Logs:
 * Powertools Logger's JSON lines and the EMF blobs Powertools Metrics prints (CloudWatch ingests those
 * as log data too, and makes metrics of them). Both print through a `Console` of their own built at
 * cold start on `process.stdout` and `process.stderr`, so the meter wraps those streams' `write`, not
 * `console`. While an invocation is open, what it writes is kept for its function and not printed.
 */

/** What one invocation wrote: its EMF metric blobs apart from its other lines, in UTF-8 bytes. */
export interface InvocationLogs {
  lineBytes: number;
  emfBytes: number;
  /** The EMF blobs as written, for the metrics they publish (publishedMetrics). */
  emfBlobs: string[];
}

export interface LogByteMeter {
  /** Keeps what is written from now on, until `end`, as one invocation's output. */
  begin(): void;
  /** Closes the invocation `begin` opened and returns what it wrote. */
  end(): InvocationLogs;
  /** Puts the streams' own `write` back. */
  stop(): void;
}

/** The part of a stream the meter wraps: `process.stdout` and `process.stderr` in a real run. */
export interface WritableStream {
  write: (...args: never[]) => boolean;
}

/** Powertools Metrics writes each blob as one JSON line that starts with its `_aws` metadata. */
const isEmfBlob = (line: string) => line.startsWith('{"_aws":');

/** Splits written text into lines, each with its newline, as CloudWatch receives them as events. */
function linesOf(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line.length > 0);
}

function textOf(chunk: unknown, encoding: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return String(chunk);
}

export function meterLogBytes(
  streams: readonly WritableStream[] = [process.stdout, process.stderr],
): LogByteMeter {
  let open: InvocationLogs | null = null;
  const originals = streams.map((stream) => stream.write);
  streams.forEach((stream, index) => {
    const original = originals[index] as WritableStream['write'];
    stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      if (open === null)
        return (original as (...args: unknown[]) => boolean).call(stream, chunk, encoding, callback);
      for (const line of linesOf(textOf(chunk, encoding))) {
        const bytes = Buffer.byteLength(line, 'utf8');
        if (isEmfBlob(line)) {
          open.emfBytes += bytes;
          open.emfBlobs.push(line);
        } else open.lineBytes += bytes;
      }
      // Written as far as the caller knows; a stream's callback may be the second or third argument.
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as WritableStream['write'];
  });
  return {
    begin() {
      open = { lineBytes: 0, emfBytes: 0, emfBlobs: [] };
    },
    end() {
      const logs = open ?? { lineBytes: 0, emfBytes: 0, emfBlobs: [] };
      open = null;
      return logs;
    },
    stop() {
      streams.forEach((stream, index) => {
        stream.write = originals[index] as WritableStream['write'];
      });
    },
  };
}

interface EmfDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string }[];
}

/**
 * The metrics EMF blobs publish, one entry per metric name, dimension set and dimension values in a
 * namespace: what CloudWatch bills as one custom metric each (e.g.
 * `Wirewatch/dev ArticlesArchived service=wirewatch`).
 */
export function publishedMetrics(emfBlobs: Iterable<string>): Set<string> {
  const metrics = new Set<string>();
  for (const blob of emfBlobs) {
    const document = JSON.parse(blob) as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: EmfDirective[] };
    };
    for (const directive of document._aws.CloudWatchMetrics) {
      for (const dimensionSet of directive.Dimensions) {
        const dimensions = [...dimensionSet]
          .sort()
          .map((name) => `${name}=${String(document[name])}`)
          .join(',');
        for (const metric of directive.Metrics)
          metrics.add(`${directive.Namespace} ${metric.Name} ${dimensions}`);
      }
    }
  }
  return metrics;
}
