/**
 * Run by `bench match` in a fresh `node` process, bundled as the functions are: reads a precompiled
 * rule set from the file named by its argument and loads it, as a classify-article cold start does;
 * prints the CPU milliseconds that took, the process's peak RSS and its RSS before reading.
 */
import { readFileSync } from 'node:fs';
import { loadRuleSet } from '../shared/rules/rule-set.ts';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: precompiled-rules-process <precompiled rule set JSON>');
const baseRssMB = process.memoryUsage().rss / 1_048_576;
const started = process.cpuUsage();
const ruleSet = loadRuleSet(JSON.parse(readFileSync(file, 'utf8')));
const used = process.cpuUsage(started);
process.stdout.write(
  JSON.stringify({
    rules: ruleSet.size,
    readyMs: (used.user + used.system) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    baseRssMB,
  }),
);
