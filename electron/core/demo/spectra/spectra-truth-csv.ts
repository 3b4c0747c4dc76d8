// The demo spectra's truth table as CSV: one row per spectrum, with where its file is, what
// kind it is (ordinary or which anomaly), what is really in the fibre, its true redshift and
// class. Benchmarks join it to a workspace by name (the file stem) to score rankings.
import type { SpectrumPlan } from './spectrum-types.js';
import { isSpectrumAnomaly } from './spectrum-types.js';

export const SPECTRA_TRUTH_COLUMNS = [
  'name',
  'file',
  'kind',
  'is_anomaly',
  'source',
  'z',
  'class',
  'ra',
  'dec',
] as const;

/** Where a spectrum's file lives under the data folder. */
export function spectrumFilePath(plan: Pick<SpectrumPlan, 'name'>): string {
  return `spectra/${plan.name}.fits`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatSpectraTruthCsv(plans: readonly SpectrumPlan[]): string {
  const lines: string[] = [SPECTRA_TRUTH_COLUMNS.join(',')];
  for (const plan of plans) {
    lines.push(
      [
        plan.name,
        spectrumFilePath(plan),
        plan.kind,
        isSpectrumAnomaly(plan.kind) ? 1 : 0,
        plan.source,
        plan.z.toFixed(6),
        plan.class,
        plan.ra.toFixed(6),
        plan.dec.toFixed(6),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
