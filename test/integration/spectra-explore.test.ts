// Spectra on the map from the start: a folder of images and demo spectra, opened as a new
// workspace, gets the default steps (an embedding, scores and a map per modality, the
// spectra's a PCA of their common-grid inputs), after which every spectrum has a score, a
// map position beside the images' and similar spectra, without any learned model.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobEvent, JobInfo } from '../../electron/core/api/view-types.js';
import { WorkspaceSession } from '../../electron/core/session/workspace-session.js';
import { generateDemoSpectra } from '../../electron/core/demo/spectra/demo-spectra.js';
import { writePngFolder } from '../helpers/png-folder.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SPECTRA = 30;
const IMAGES = 12;

async function settled(session: WorkspaceSession): Promise<JobInfo[]> {
  for (;;) {
    const jobs = session.service!.jobs();
    if (jobs.every((j) => j.state !== 'queued' && j.state !== 'running')) return jobs;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('spectra after the default steps', () => {
  const tempDir = useTempDir('serendip-spectra-explore-');

  it('have scores, a map position beside the images and similar spectra', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    await generateDemoSpectra(data, join(dir, 'truth.csv'), { objects: SPECTRA, seed: 5 });
    await writePngFolder(join(data, 'images'), IMAGES, 32);
    const events: JobEvent[] = [];
    const session = new WorkspaceSession((e) => events.push(e));
    try {
      const first = await session.open(join(dir, 'ws'), { create: true, source: { kind: 'folders', paths: [data] } });
      expect(first).toHaveLength(1); // the ingest; the rest is queued once its objects are known
      const jobs = await settled(session);
      expect(jobs.map((j) => `${j.method}:${j.state}`)).toEqual([
        'ingest:done',
        ...['embed:done', 'rank:done', 'map:done'],
        ...['embed:done', 'rank:done', 'map:done'],
      ]);
      const service = session.service!;
      const status = service.status();
      expect(status).toMatchObject({ images: IMAGES, spectra: SPECTRA });
      const spectrumRuns = status.runs.filter((r) => r.modality === 'spectrum').map((r) => `${r.kind}:${r.method}`);
      expect(spectrumRuns).toEqual([
        'embedding:pca',
        'score:iforest',
        'score:lof',
        'score:knn',
        'score:ensemble',
        'map:umap',
      ]);

      const map = service.mapData();
      expect(map.count).toBe(IMAGES + SPECTRA);
      const spectra = service.workspace.db
        .prepare("SELECT id, name FROM objects WHERE modality = 'spectrum' ORDER BY id")
        .all() as { id: number; name: string }[];
      const rowOf = new Map(Array.from(map.ids, (id, row) => [id, row]));
      const isSpectrum = new Set(spectra.map((o) => o.id));
      let imageRight = -Infinity;
      let spectraLeft = Infinity;
      for (let row = 0; row < map.count; row++) {
        expect(Number.isFinite(map.score![row])).toBe(true);
        if (isSpectrum.has(map.ids[row])) spectraLeft = Math.min(spectraLeft, map.x[row]);
        else imageRight = Math.max(imageRight, map.x[row]);
      }
      for (const o of spectra) expect(rowOf.has(o.id)).toBe(true);
      expect(spectraLeft).toBeGreaterThan(imageRight); // side by side, not on top of each other

      const one = spectra[0];
      const similar = service.similar([one.name], 5);
      expect(similar).toHaveLength(5);
      for (const hit of similar) expect(isSpectrum.has(hit.id)).toBe(true);
      const details = service.objectDetails(one.id);
      expect(details.scores.map((s) => s.method).sort()).toEqual(['ensemble', 'iforest', 'knn', 'lof']);
      expect(details.scores.every((s) => s.of === SPECTRA)).toBe(true);
    } finally {
      await session.close();
    }
  }, 120_000);
});
