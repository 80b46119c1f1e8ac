/**
 * TrendRollups in memory, with the table adapter's semantics: one rollup per hour, overwritten unless
 * the saved one was read later, and each hour's times kept at their latest. `recordLabelChange` is what
 * the table's article catalogue does whenever it writes an article's labels.
 */
import type {
  HeatmapRollup,
  TrendHourState,
  TrendRollups,
  UtcHour,
} from '../../shared/ports/trend-rollups.ts';

const inRange = (hour: UtcHour, first: UtcHour, last: UtcHour) => hour >= first && hour <= last;
const later = (current: string | undefined, at: string) =>
  current === undefined || current < at ? at : current;

export class MemoryTrendRollups implements TrendRollups {
  readonly rollups = new Map<UtcHour, HeatmapRollup>();
  readonly states = new Map<UtcHour, TrendHourState>();

  recordLabelChange(hour: UtcHour, at: string): void {
    const state = this.states.get(hour) ?? { hour };
    this.states.set(hour, { ...state, labelsChangedAt: later(state.labelsChangedAt, at) });
  }

  async rollupsBetween(first: UtcHour, last: UtcHour): Promise<HeatmapRollup[]> {
    return [...this.rollups.values()]
      .filter(({ hour }) => inRange(hour, first, last))
      .sort((a, b) => a.hour.localeCompare(b.hour))
      .map((rollup) => structuredClone(rollup));
  }

  async hourStates(first: UtcHour, last: UtcHour): Promise<TrendHourState[]> {
    return [...this.states.values()]
      .filter(({ hour }) => inRange(hour, first, last))
      .sort((a, b) => a.hour.localeCompare(b.hour))
      .map((state) => ({ ...state }));
  }

  async saveRollup(rollup: HeatmapRollup): Promise<void> {
    const saved = this.rollups.get(rollup.hour);
    if (saved !== undefined && saved.readFrom >= rollup.readFrom) return;
    this.rollups.set(rollup.hour, structuredClone(rollup));
    const state = this.states.get(rollup.hour) ?? { hour: rollup.hour };
    this.states.set(rollup.hour, { ...state, rolledUpFrom: later(state.rolledUpFrom, rollup.readFrom) });
  }
}
