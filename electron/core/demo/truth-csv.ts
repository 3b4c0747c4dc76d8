// The demo collection's truth table as CSV: one row per object, with where its file is and
// what was put in it. Benchmarks join it to a workspace by name to score anomaly rankings
// and the purity of neighbourhoods by galaxy type.
import type { CutoutPlan } from './demo-types.js';

export interface DemoTruthRow {
  name: string;
  /** Path relative to the data folder, with forward slashes. */
  file: string;
  format: 'fits' | 'png';
  galaxy_type: string;
  /** '' when none. */
  anomaly: string;
  is_anomaly: 0 | 1;
  ra: number;
  dec: number;
}

export const TRUTH_COLUMNS = ['name', 'file', 'format', 'galaxy_type', 'anomaly', 'is_anomaly', 'ra', 'dec'] as const;

/** Where an object's file lives under the data folder: one subfolder per format. */
export function demoFilePath(plan: Pick<CutoutPlan, 'name' | 'format'>): string {
  return `${plan.format}/${plan.name}.${plan.format}`;
}

export function truthRowFor(plan: CutoutPlan): DemoTruthRow {
  return {
    name: plan.name,
    file: demoFilePath(plan),
    format: plan.format,
    galaxy_type: plan.galaxyType,
    anomaly: plan.anomaly,
    is_anomaly: plan.anomaly ? 1 : 0,
    ra: plan.ra,
    dec: plan.dec,
  };
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatTruthCsv(rows: readonly DemoTruthRow[]): string {
  const lines = [TRUTH_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.name,
        row.file,
        row.format,
        row.galaxy_type,
        row.anomaly,
        row.is_anomaly,
        row.ra.toFixed(6),
        row.dec.toFixed(6),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
