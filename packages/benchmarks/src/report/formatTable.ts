import { ScenarioReport } from './ScenarioReport';

/** A scenario's table as aligned text (Markdown pipe syntax, so it pastes into docs/benchmarks.md). */
export function formatTable(report: ScenarioReport): string {
  const widths = report.columns.map((column, i) =>
    Math.max(column.length, ...report.rows.map(row => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    `### ${report.title}`,
    '',
    `Target: ${report.target}`,
    '',
    line(report.columns),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...report.rows.map(line),
    ...(report.notes.length > 0
      ? ['', ...report.notes.map(note => `- ${note}`)]
      : []),
    '',
  ].join('\n');
}
