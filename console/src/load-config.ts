/** Reads /config.json, served beside the page, fresh on every start. */
import { type ConsoleConfig, parseConfig } from './config.ts';

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json could not be read (HTTP ${response.status})`);
  return parseConfig(await response.json());
}
