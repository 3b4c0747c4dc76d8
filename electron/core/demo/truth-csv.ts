// The demo collection's truth table as CSV: one row per object, with where its file is, what
// was put in it and, for an anomaly with a place, where in the cutout it is (a box, and a mask
// PNG beside the table). Benchmarks join it to a workspace by name to score anomaly rankings,
// the purity of neighbourhoods by galaxy type, and whether explanations point at the anomaly.
import type { CutoutPlan } from './demo-types.js';
import { formatRegionBox, type TruthRegion } from './truth-regions.js';

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
  /** The cutout's side, pixels. */
  size: number;
  /** The anomaly's bounding box "x0 y0 x1 y1" (inclusive, image rows: row 0 at the top); '' when it has no place. */
  region: string;
  /** Its mask PNG, relative to the truth table's folder, with forward slashes; '' when none. */
  region_mask: string;
}

export const TRUTH_COLUMNS = [
  'name',
  'file',
  'format',
  'galaxy_type',
  'anomaly',
  'is_anomaly',
  'ra',
  'dec',
  'size',
  'region',
  'region_mask',
] as const satisfies readonly (keyof DemoTruthRow)[];

/** Folder of the region masks, beside the truth table (outside the data folder ingest walks). */
export const TRUTH_REGIONS_FOLDER = 'truth-regions';

/** Where an object's file lives under the data folder: one subfolder per format. */
export function demoFilePath(plan: Pick<CutoutPlan, 'name' | 'format'>): string {
  return `${plan.format}/${plan.name}.${plan.format}`;
}

/** Where an object's region mask lives, relative to the truth table's folder. */
export function regionMaskPath(plan: Pick<CutoutPlan, 'name'>): string {
  return `${TRUTH_REGIONS_FOLDER}/${plan.name}.png`;
}

/** A plan's row, given what rendering it gave: the cutout's size and the anomaly's region. */
export function truthRowFor(plan: CutoutPlan, rendered: { size: number; region: TruthRegion | null }): DemoTruthRow {
  return {
    name: plan.name,
    file: demoFilePath(plan),
    format: plan.format,
    galaxy_type: plan.galaxyType,
    anomaly: plan.anomaly,
    is_anomaly: plan.anomaly ? 1 : 0,
    ra: plan.ra,
    dec: plan.dec,
    size: rendered.size,
    region: formatRegionBox(rendered.region?.box ?? null),
    region_mask: rendered.region ? regionMaskPath(plan) : '',
  };
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fieldText(row: DemoTruthRow, column: (typeof TRUTH_COLUMNS)[number]): string | number {
  // Positions to a micro-degree, as planned.
  return column === 'ra' || column === 'dec' ? row[column].toFixed(6) : row[column];
}

export function formatTruthCsv(rows: readonly DemoTruthRow[]): string {
  const lines = [TRUTH_COLUMNS.join(',')];
  for (const row of rows) lines.push(TRUTH_COLUMNS.map((column) => csvField(fieldText(row, column))).join(','));
  return lines.join('\n') + '\n';
}
