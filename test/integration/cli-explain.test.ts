// `serendip explain` as a user runs it: --json prints the API's explanation whole (scorers,
// features by |σ|, typical neighbours, maps without their values and the PNGs written as
// `images`), the default a readable summary of the same numbers with where its maps went,
// and an object that is not there is refused with a one-line reason (spectra: cli-explain-spectrum).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { readTruthTable } from '../helpers/demo-truth.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';
import type { Explanation } from '../../electron/core/api/contract-explain.js';

describe('serendip explain', () => {
  const { shared, ws } = useDemoWorkspace('serendip-cli-explain-', 60, 7);
  beforeAll(() => {
    runCliOk(['embed', ws]);
    runCliOk(['rank', ws]);
  });

  /** The demo's injected anomaly listed first in its truth table. */
  function anomaly(): string {
    return readTruthTable(join(ws, 'demo-truth.csv')).rows.find((row) => row.is_anomaly === '1')!.name;
  }

  it('prints the explanation as JSON, and as a summary of the same numbers', () => {
    const truth = readTruthTable(join(ws, 'demo-truth.csv')).rows;
    const name = truth.find((row) => row.is_anomaly === '1')!.name;

    const e = JSON.parse(runCliOk(['explain', ws, name, '-k', '5', '--json']).stdout) as Explanation;
    expect(e.name).toBe(name);
    expect(e.scorers.map((s) => s.method).sort()).toEqual(['ensemble', 'iforest', 'knn', 'lof']);
    expect(e.neighbours).toHaveLength(5);
    expect(e.features.length).toBeGreaterThan(30);
    expect(Object.keys(e.features[0]).sort()).toEqual(['mean', 'name', 'phrase', 'sd', 'sigma', 'value']);

    const text = runCliOk(['explain', ws, name, '-k', '5']).stdout;
    expect(text).toContain(`Against its 5 typical neighbours (embedding ${e.embeddingRun})`);
    expect(text).toContain(e.features[0].phrase);
    for (const s of e.scorers) expect(text).toMatch(new RegExp(`${s.method} .*#${s.rank} of 60`));
    for (const n of e.neighbours) expect(text).toContain(n.name);
    // Without --out the maps go to the workspace, and the summary says where.
    const saliency = join(ws, 'explain', name, `${name}.saliency.png`);
    expect(text).toMatch(new RegExp(`saliency +peak at \\(\\d+, \\d+\\) of 64×64 +${saliency}`));
    expect(existsSync(saliency)).toBe(true);
  });

  it('writes each map as a PNG of the model input size to --out, and --json lists them as images', async () => {
    const name = anomaly();
    const out = join(shared, 'maps');
    type Printed = Omit<Explanation, 'maps'> & {
      maps: Omit<Explanation['maps'][number], 'values'>[];
      images: { kind: string; band: string | null; path: string }[];
    };
    const e = JSON.parse(runCliOk(['explain', ws, name, '--out', out, '--json']).stdout) as Printed;
    expect(e.notes).toEqual([]);
    expect(e.maps.map((m) => m.kind)).toEqual(['rarity', 'saliency']);
    expect(e.maps[0]).not.toHaveProperty('values');
    expect(e.images).toEqual(
      ['rarity', 'saliency'].map((kind) => ({ kind, band: null, path: join(out, `${name}.${kind}.png`) })),
    );
    for (const [i, image] of e.images.entries()) {
      const meta = await sharp(image.path).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 64, 64]);
      // The peak is drawn white (the top of the ramp), and the map holds darker pixels too.
      const { data } = await sharp(image.path).raw().toBuffer({ resolveWithObject: true });
      const peak = (e.maps[i].peak.y * 64 + e.maps[i].peak.x) * 3;
      expect([...data.subarray(peak, peak + 3)]).toEqual([255, 255, 255]);
      expect(Math.min(...data)).toBeLessThan(255);
    }
  });

  it('refuses an object that is not there with a one-line reason', () => {
    const missing = runCli(['explain', ws, 'NO-SUCH-OBJECT']);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/no object named "NO-SUCH-OBJECT" in this workspace/);
  });
});
