/** The port for reading back the alerts recorded for a rule, e.g. to gather a day's matches. */
import type { AlertRecord } from '../alerts/alert-record.ts';

export interface AlertHistory {
  /** Every alert of the rule whose matchedAt lies in [since, until] (inclusive), oldest first. */
  listAlertsForRule(ruleId: string, since: string, until: string): Promise<AlertRecord[]>;
}
