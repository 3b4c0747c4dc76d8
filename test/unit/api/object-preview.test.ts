// Previews: real files ingested into a workspace, then objectPreviews. Sizes keep the aspect
// ratio and never enlarge; a gzipped FITS is read by content; the file is made once and kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { SerendipService } from '../../../electron/core/api/serendip-service.js';
import { PREVIEW_SIDE } from '../../../electron/core/api/contract-preview.js';
import { useSharedTempDir } from '../../helpers/temp-dir.js';
import { writePixelFixtures } from '../../helpers/pixel-fixtures.js';

describe('objectPreviews', () => {
  const dir = useSharedTempDir();
  let service: SerendipService;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    const data = join(dir(), 'data');
    mkdirSync(data);
    await writePixelFixtures(data);
    service = SerendipService.open(join(dir(), 'ws'), { create: true });
    await service.ingest({ paths: [data] });
    for (const { id, name } of service.workspace.db.prepare('SELECT id, name FROM objects').all() as {
      id: number;
      name: string;
    }[])
      ids.set(name, id);
  }, 60_000);
  afterAll(() => service?.close());

  const previewOf = async (name: string) => {
    const [p] = await service.objectPreviews([ids.get(name)!]);
    const meta = await sharp(join(service.workspace.paths.root, p.preview!)).metadata();
    return { ...p, file: { width: meta.width, height: meta.height, format: meta.format } };
  };

  it('keeps a raster no larger than the limit at its own size', async () => {
    const p = await previewOf('square-424');
    expect(p).toMatchObject({ width: 424, height: 424, file: { width: 424, height: 424, format: 'webp' } });
  });

  it('shrinks a wide raster to the limit on its long side, aspect kept', async () => {
    const p = await previewOf('wide-1000x500');
    expect(p).toMatchObject({ width: PREVIEW_SIDE, height: 256, file: { width: 512, height: 256 } });
  });

  it('reads a .fits.gz by its content and does not enlarge it', async () => {
    const p = await previewOf('small-64x40');
    expect(p).toMatchObject({ width: 64, height: 40, file: { width: 64, height: 40 } });
    const pixels = await service.objectPixels(ids.get('small-64x40')!);
    expect(pixels).toMatchObject({ source: 'fits', width: 64, height: 40, bandNames: ['r'] });
    // Row 0 is the top, FITS row 40; the value there is the writer's at (x 10, FITS y 40).
    const expected = 100 * (Math.exp(-(((10 - 32) / 8) ** 2 + ((39 - 20) / 5) ** 2) / 2) + (0.1 * 49) / 104);
    expect(pixels.data[10]).toBeCloseTo(expected, 4);
  });

  it('block-averages a large FITS down within the limit, aspect kept', async () => {
    const p = await previewOf('wide-1200x600');
    expect(p).toMatchObject({ width: 400, height: 200, file: { width: 400, height: 200 } });
  });

  it('makes a preview once and serves the kept file after', async () => {
    const id = ids.get('wide-1000x500')!;
    const [first] = await service.objectPreviews([id]);
    const made = statSync(join(service.workspace.paths.root, first.preview!)).mtimeMs;
    const [again, twin] = await service.objectPreviews([id, id]);
    expect(again).toEqual(first);
    expect(twin).toEqual(first);
    expect(statSync(join(service.workspace.paths.root, first.preview!)).mtimeMs).toBe(made);
  });
});
