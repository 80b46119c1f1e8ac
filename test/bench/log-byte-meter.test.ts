import { describe, expect, it } from 'vitest';
import { meterLogBytes, publishedMetrics, type WritableStream } from '../../bench/log-byte-meter.ts';

/** A stream that keeps what reaches it, standing in for process.stdout. */
function keepingStream() {
  const written: string[] = [];
  const stream: WritableStream = {
    write: ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as WritableStream['write'],
  };
  return { stream, written };
}

const write = (stream: WritableStream, text: string | Uint8Array) =>
  (stream.write as (chunk: string | Uint8Array) => boolean)(text);

/** Powertools Metrics' blob: one metric under two dimension sets. */
const EMF_BLOB = `${JSON.stringify({
  _aws: {
    Timestamp: 1,
    CloudWatchMetrics: [
      {
        Namespace: 'Wirewatch/dev',
        Dimensions: [['service'], ['service', 'queue']],
        Metrics: [{ Name: 'A' }],
      },
    ],
  },
  service: 'wirewatch',
  queue: 'feeds',
  A: 1,
})}\n`;

describe('the log byte meter', () => {
  it("counts an invocation's lines and metric blobs in UTF-8 bytes, without printing them", () => {
    // Prepare
    const stdout = keepingStream();
    const stderr = keepingStream();
    const meter = meterLogBytes([stdout.stream, stderr.stream]);

    // Act: a line with an é (two bytes), then in one write an error line and a blob
    meter.begin();
    write(stdout.stream, '{"level":"INFO","message":"café"}\n');
    write(stderr.stream, Buffer.from(`{"level":"ERROR"}\n${EMF_BLOB}`));
    const logs = meter.end();
    meter.stop();

    // Assess: 33 characters, one of them two bytes, and the newline: 35; then 18
    expect(logs.lineBytes).toBe(35 + 18);
    expect(logs.emfBytes).toBe(Buffer.byteLength(EMF_BLOB));
    expect(logs.emfBlobs).toEqual([EMF_BLOB]);
    expect([...stdout.written, ...stderr.written]).toEqual([]);
  });

  it('lets output outside an invocation through, and gives the streams back when stopped', () => {
    // Prepare
    const stdout = keepingStream();
    const originalWrite = stdout.stream.write;
    const meter = meterLogBytes([stdout.stream]);

    // Act
    write(stdout.stream, 'between invocations\n');
    meter.begin();
    write(stdout.stream, 'inside\n');
    const logs = meter.end();
    meter.stop();

    // Assess
    expect(stdout.written).toEqual(['between invocations\n']);
    expect(logs.lineBytes).toBe(7);
    expect(stdout.stream.write).toBe(originalWrite);
  });
});

describe('published metrics', () => {
  it('counts each metric once per dimension set and namespace, however often it is published', () => {
    // Prepare: the blob twice, and metric A in another namespace
    const otherNamespace = EMF_BLOB.replace('Wirewatch/dev', 'Wirewatch/prod');

    // Act
    const metrics = publishedMetrics([EMF_BLOB, EMF_BLOB, otherNamespace]);

    // Assess
    expect([...metrics].sort()).toEqual([
      'Wirewatch/dev A queue=feeds,service=wirewatch',
      'Wirewatch/dev A service=wirewatch',
      'Wirewatch/prod A queue=feeds,service=wirewatch',
      'Wirewatch/prod A service=wirewatch',
    ]);
  });
});
