// `serendip explain <ws> <name>`: why an object is odd, as a short readable summary (or the API's
// whole answer with --json): each scorer's rank, the features that differ most from its typical
// neighbours', who those neighbours are, and where it is odd: for an image each map is written as
// a PNG, for a spectrum one plot of it with its reconstruction and driver ranges (to --out, else
// <ws>/explain/<name>/), and --json lists them as `images`. The JSON's maps keep their size and
// peak but not their values, which the PNGs show; a spectrum's masked bins (NaN) print as null.
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { parseIntegerOption, printJson, withService } from '../run-command.js';
import { formatRank, formatScore } from '../../core/util/score-numbers.js';
import type { ExplainSpectrum, Explanation } from '../../core/api/contract-explain.js';
import { fileSafeName, writeMapPngs, type WrittenMap } from '../../core/discovery/explain/where/map-png.js';
import { writeSpectrumPng, type WrittenPlot } from '../../core/discovery/explain/spectrum/spectrum-png.js';

/** Where the maps go without --out: a folder per object in the workspace. */
export const EXPLAIN_FOLDER = 'explain';

/** Features printed in the summary; --json gives them all. */
const SUMMARY_FEATURES = 8;

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description(
      "why an object is odd: each scorer's rank, and its features against its typical neighbours (the " +
        'nearest objects not in the top 5% of the ensemble), in σ; for an image maps of where on it (patch rarity, ' +
        'saliency), for a spectrum the wavelength ranges that drive its score beside its reconstruction (PNGs)',
    )
    .argument('<workspace>', 'workspace folder')
    .argument('<name>', 'object name')
    .option('-k <k>', 'typical neighbours to compare with', parseIntegerOption('-k', 2, 1000), 10)
    .option('--json', 'print the whole explanation as one JSON object on stdout, with the PNGs written as `images`')
    .option('--out <dir>', `folder for the maps' PNGs (default <workspace>/${EXPLAIN_FOLDER}/<name>)`)
    .action(async (workspace: string, name: string, options: { k: number; json?: boolean; out?: string }) => {
      await withService(workspace, {}, async (service) => {
        const explanation = await service.explain(name, options.k);
        const dir = options.out
          ? resolve(options.out)
          : join(service.workspace.paths.root, EXPLAIN_FOLDER, fileSafeName(explanation.name));
        const images: (WrittenMap | WrittenPlot)[] = await writeMapPngs(explanation.maps, dir, explanation.name);
        if (explanation.spectrum) images.push(await writeSpectrumPng(explanation.spectrum, dir, explanation.name));
        if (options.json) {
          const maps = explanation.maps.map(({ values: _values, ...map }) => map);
          printJson({ ...explanation, maps, images });
        } else console.log(summary(explanation, images));
      });
    });
}

export function summary(e: Explanation, images: readonly (WrittenMap | WrittenPlot)[] = []): string {
  const lines: string[] = [];
  const tops = e.scorers.filter((s) => s.top).map((s) => s.method);
  const driver = e.spectrum?.drivers[0];
  lines.push(
    `${e.name}: ${tops.length > 0 ? `in the top 5% of ${tops.join(', ')}` : 'in the top 5% of no scorer'}` +
      (driver ? `; most of it at ${driverText(driver)}` : ''),
    '',
    'Scores (the newest run of each method):',
  );
  for (const s of e.scorers) {
    const top = s.top ? ' top 5%' : '';
    lines.push(
      `  ${s.method.padEnd(16)} ${formatScore(s.score).padStart(8)}  ${formatRank(s).padEnd(18)}${top}`.trimEnd(),
    );
  }
  lines.push('', `Against its ${e.neighbours.length} typical neighbours (embedding ${e.embeddingRun}):`);
  for (const f of e.features.slice(0, SUMMARY_FEATURES))
    lines.push(
      `  ${f.phrase.padEnd(56)} (${formatScore(f.value)}; neighbours ${formatScore(f.mean)} ± ${formatScore(f.sd)})`,
    );
  if (e.features.length > SUMMARY_FEATURES)
    lines.push(`  … ${e.features.length - SUMMARY_FEATURES} more features (--json lists them all)`);
  lines.push('', 'Typical neighbours, nearest first:');
  for (const n of e.neighbours) lines.push(`  ${n.name.padEnd(32)} distance ${formatScore(n.distance)}`);
  if (e.spectrum)
    lines.push(
      '',
      ...spectrumWhere(
        e.spectrum,
        images.find((i) => i.kind === 'spectrum'),
      ),
    );
  else if (e.maps.length > 0 || e.notes.length > 0) lines.push('', 'Where (model-input pixels):');
  e.maps.forEach((m, i) => {
    const what = m.band === null ? m.kind : `${m.kind} ${m.band}`;
    const file = images[i] ? `  ${images[i].path}` : '';
    lines.push(`  ${what.padEnd(20)} peak at (${m.peak.x}, ${m.peak.y}) of ${m.width}×${m.height}${file}`);
  });
  for (const note of e.notes) lines.push(`  ${note}`);
  return lines.join('\n');
}

/** The ranges that drive a spectrum's score, the strongest first, e.g. "6540–6590 Å (Hα) 62%". */
function spectrumWhere(spectrum: ExplainSpectrum, plot: WrittenMap | WrittenPlot | undefined): string[] {
  const lines = ['Where (observed wavelength ranges that drive the score, the share of the difference):'];
  for (const d of spectrum.drivers) lines.push(`  ${driverText(d)}`);
  if (spectrum.drivers.length === 0) lines.push('  no range stands out');
  if (plot) lines.push(`  plot with its reconstruction  ${plot.path}`);
  return lines;
}

export function driverText(d: ExplainSpectrum['drivers'][number]): string {
  const line = d.line ? ` (${d.line})` : '';
  return `${Math.round(d.from)}–${Math.round(d.to)} Å${line} ${Math.round(100 * d.share)}%`;
}
