import { topFunctions } from './report/topFunctions';

/**
 * `node … src/profileSummary.ts <file.cpuprofile> [limit]`: the top self-time functions of a profile
 * written by `yarn bench --profile`, for docs/benchmarks.md.
 */
const [file, limit] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: profileSummary <file.cpuprofile> [limit]\n');
  process.exitCode = 2;
} else {
  for (const { name, selfMs, share } of topFunctions(
    file,
    Number(limit ?? 20),
  )) {
    process.stdout.write(
      `${(share * 100).toFixed(1).padStart(5)}%  ${selfMs
        .toFixed(0)
        .padStart(7)} ms  ${name}\n`,
    );
  }
}
