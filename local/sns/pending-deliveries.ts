/**
 * Email deliveries SNS has accepted and not yet made, kept on disk: one JSON file per delivery,
 * written atomically before the Publish is answered and removed once the email is written (a failed
 * write keeps it for the next start). A process killed between the two (SNS had said yes, the alert
 * is marked published, no email exists yet) leaves the file, and the next start delivers it, as SNS
 * would after its own restart. Deliveries to in-process Lambda handlers are not kept: those handlers
 * live and die with the process.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlannedDelivery } from './notification.ts';

const DELIVERY_FILE = /^[0-9a-f]{32}\.json$/;

export const isKeptDelivery = (delivery: PlannedDelivery) =>
  delivery.protocol === 'email' || delivery.protocol === 'email-json';

export class PendingDeliveries {
  constructor(readonly directory: string) {}

  /** The deliveries a stopped process left, oldest first; a write cut short is discarded. */
  async load(): Promise<PlannedDelivery[]> {
    await mkdir(this.directory, { recursive: true });
    const names = await readdir(this.directory);
    const deliveries: PlannedDelivery[] = [];
    for (const name of names) {
      if (!DELIVERY_FILE.test(name)) {
        if (name.endsWith('.partial')) await rm(join(this.directory, name), { force: true });
        continue;
      }
      const file = join(this.directory, name);
      try {
        deliveries.push(JSON.parse(await readFile(file, 'utf8')) as PlannedDelivery);
      } catch (error) {
        throw new Error(`pending SNS delivery ${file} is not JSON`, { cause: error });
      }
    }
    return deliveries.sort((a, b) => a.notification.timestamp.localeCompare(b.notification.timestamp));
  }

  async add(delivery: PlannedDelivery): Promise<void> {
    const file = this.fileOf(delivery);
    await writeFile(`${file}.partial`, JSON.stringify(delivery));
    await rename(`${file}.partial`, file);
  }

  async remove(delivery: PlannedDelivery): Promise<void> {
    await rm(this.fileOf(delivery), { force: true });
  }

  /** One file per message and subscription, so a delivery kept twice is still one file. */
  private fileOf(delivery: PlannedDelivery): string {
    const key = `${delivery.notification.messageId}\n${delivery.subscriptionArn}`;
    return join(this.directory, `${createHash('md5').update(key).digest('hex')}.json`);
  }
}
