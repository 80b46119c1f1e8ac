import { describe, expect, it } from 'vitest';
import { countStageResources } from '../../bench/stage-resources.ts';

const metricStat = (period: number) => ({ MetricStat: { Metric: { MetricName: 'M' }, Period: period } });

describe("a stage's fixed resources", () => {
  it('counts an alarm per metric it reads, dashboards and customer-managed keys', () => {
    // Prepare: an alarm on one metric, one whose math reads three, a dashboard, a key, a queue
    const resources = [
      { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'Errors', Period: 300 } },
      {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Metrics: [{ Expression: 'a + b + c', Id: 'sum' }, metricStat(60), metricStat(60), metricStat(60)],
        },
      },
      { Type: 'AWS::CloudWatch::Dashboard', Properties: {} },
      { Type: 'AWS::KMS::Key', Properties: {} },
      { Type: 'AWS::SQS::Queue', Properties: {} },
    ];

    // Act
    const counted = countStageResources(resources);

    // Assess
    expect(counted).toEqual({ alarmMetrics: 4, dashboards: 1, customerManagedKeys: 1 });
  });

  it('refuses alarms it has no price for', () => {
    // Prepare
    const highResolution = [{ Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'M', Period: 10 } }];
    const composite = [{ Type: 'AWS::CloudWatch::CompositeAlarm', Properties: {} }];

    // Act and Assess
    expect(() => countStageResources(highResolution)).toThrow(/high-resolution/);
    expect(() => countStageResources(composite)).toThrow(/composite/);
  });
});
