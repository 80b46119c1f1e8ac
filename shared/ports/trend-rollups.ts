/**
 * The port for the heat map's hourly rollups: pair × topic article counts of one closed UTC hour,
 * computed from that hour's label listings, and when each hour's labels last changed. The table
 * adapter (adapters/dynamodb/trend-rollups.dynamodb.ts) records a change whenever the catalogue
 * (re)writes an article's labels, so a rollup older than its hour's last change is known stale.
 */

/** A UTC hour as the first 13 characters of an ISO instant: `2026-11-27T09`. */
export type UtcHour = string;

export interface HeatmapRollup {
  hour: UtcHour;
  /** Distinct articles per cell, keyed `<pair> <topic>`; cells without articles are absent. */
  cells: Record<string, number>;
  /** Distinct articles per pair that carry at least one topic (what ranks the heat map's pairs). */
  pairs: Record<string, number>;
  /** Label items read to compute it. */
  labelItems: number;
  /** When reading the hour's label listings began: changes recorded before it (less the index's lag) are counted. */
  readFrom: string;
}

export interface TrendHourState {
  hour: UtcHour;
  /** The latest time an article of this hour had its labels written; absent if never recorded. */
  labelsChangedAt?: string;
  /** `readFrom` of the hour's saved rollup; absent if it has none. */
  rolledUpFrom?: string;
}

export interface TrendRollups {
  /** The rollups saved for the hours from `first` to `last`, both included, oldest first. */
  rollupsBetween(first: UtcHour, last: UtcHour): Promise<HeatmapRollup[]>;
  /** What is known of the hours from `first` to `last` (only hours with a change or a rollup). */
  hourStates(first: UtcHour, last: UtcHour): Promise<TrendHourState[]>;
  /** Overwrites the hour's rollup: saving the same hour twice leaves one rollup, never a sum. */
  saveRollup(rollup: HeatmapRollup): Promise<void>;
}
