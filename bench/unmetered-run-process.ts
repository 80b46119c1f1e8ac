/**
 * Run by measurePipelineRun (bench/write-amplification.ts) in a fresh `node` process: the sample run
 * without the write meter, whose time, round trips and log bytes it prints as JSON.
 */
import { runSamples } from './write-amplification.ts';

const figures = await runSamples({ meterWrites: false });
process.stdout.write(JSON.stringify(figures));
