import os from 'node:os';
import { join } from 'node:path';
import { profileChildren } from './child/runChild';
import { runCeilingScenario } from './ceilings/runCeilingScenario';
import { runEvaluationScenario } from './evaluation/runEvaluationScenario';
import { runHashingScenario } from './hashing/runHashingScenario';
import { runMemoryScenario } from './sync/runMemoryScenario';
import { runThroughputScenario } from './sync/runThroughputScenario';
import { BenchOptions, Scenario } from './options/BenchOptions';
import { parseBenchOptions, USAGE } from './options/parseBenchOptions';
import { runPlanScenario } from './plan/runPlanScenario';
import { failedReport } from './report/failedReport';
import { formatTable } from './report/formatTable';
import { log } from './report/log';
import { formatMachineInfo, machineInfo } from './report/machineInfo';
import { ScenarioReport } from './report/ScenarioReport';
import { writeResults } from './report/writeResults';

const RUNNERS: Record<
  Scenario,
  (options: BenchOptions) => Promise<ScenarioReport>
> = {
  plan: runPlanScenario,
  memory: runMemoryScenario,
  throughput: runThroughputScenario,
  ceilings: runCeilingScenario,
  hashing: runHashingScenario,
  evaluation: runEvaluationScenario,
};

/**
 * `yarn bench`: runs the chosen scenarios, prints a table per scenario (median and min–max of the runs,
 * the target and a verdict), and writes everything measured to bench-results/<timestamp>.json.
 * A missed target is a figure to report, not a failure: the exit code is non-zero only when a
 * scenario could not run.
 */
async function main() {
  let options;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const startedAt = new Date().toISOString();
  if (options.profile) {
    const directory = join(
      options.outDir,
      'profiles',
      startedAt.replace(/[:.]/g, '-'),
    );
    profileChildren(directory);
    log(`child processes write CPU profiles to ${directory}`);
  }
  const machine = await machineInfo(
    options.databases.includes('pg') ? options.pgConnection : undefined,
  );
  process.stdout.write(`${formatMachineInfo(machine)}\n\n`);
  const reports: ScenarioReport[] = [];
  for (const scenario of options.scenarios) {
    log(`scenario ${scenario}`);
    const report = await RUNNERS[scenario](options).catch(error => {
      process.exitCode = 1;
      log(`scenario ${scenario} failed: ${error?.stack ?? error}`);
      return failedReport(scenario, error);
    });
    process.stdout.write(`${formatTable(report)}\n`);
    reports.push(report);
  }
  const file = writeResults(options.outDir, {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    loadAverageAtEnd: os.loadavg()[0],
    options,
    reports,
  });
  process.stdout.write(`Results: ${file}\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
