import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { generateDemoCollection } from '../../../electron/core/demo/demo-collection.js';
import { findRenderWorkerScript, openCutoutProducer } from '../../../electron/core/demo/render-pool.js';
import { planDemoCollection } from '../../../electron/core/demo/collection-plan.js';
import { readFitsImage } from '../../../electron/core/formats/fits/reader.js';
import { imageCentreSky } from '../../../electron/core/formats/fits/wcs.js';
import { rawHeaderValues } from '../../helpers/fits-fixtures.js';
import { useSharedTempDir } from '../../helpers/temp-dir.js';
import { readTruthTable } from '../../helpers/demo-truth.js';

const OBJECTS = 40;
const root = useSharedTempDir('serendip-demo-');

interface Row {
  name: string;
  file: string;
  format: string;
  galaxy_type: string;
  anomaly: string;
  is_anomaly: string;
  ra: string;
  dec: string;
  size: string;
  region: string;
  region_mask: string;
}

const readTruth = (path: string) => readTruthTable<Row>(path);

describe('generateDemoCollection', () => {
  const progress: [number, number][] = [];
  let result: { files: number; anomalies: number };
  let dataDir: string;
  let truthPath: string;

  beforeAll(async () => {
    dataDir = join(root(), 'a', 'data');
    truthPath = join(root(), 'a', 'truth.csv');
    result = await generateDemoCollection(dataDir, truthPath, {
      objects: OBJECTS,
      seed: 3,
      threads: 0,
      onProgress: (done, total) => progress.push([done, total]),
    });
  });

  it('writes one file per object and a truth table with exactly the agreed columns', () => {
    expect(result).toEqual({ files: OBJECTS, anomalies: 1 });
    const { header, rows } = readTruth(truthPath);
    expect(header).toBe('name,file,format,galaxy_type,anomaly,is_anomaly,ra,dec,size,region,region_mask');
    expect(rows).toHaveLength(OBJECTS);
    expect(new Set(rows.map((r) => r.name)).size).toBe(OBJECTS);
    for (const row of rows) {
      expect(existsSync(join(dataDir, row.file))).toBe(true);
      expect(row.file.endsWith(`${row.name}.${row.format}`)).toBe(true);
      expect(row.is_anomaly).toBe(row.anomaly ? '1' : '0');
    }
    expect(rows.filter((r) => r.is_anomaly === '1')).toHaveLength(1);
    const files = [...readdirSync(join(dataDir, 'fits')), ...readdirSync(join(dataDir, 'png'))];
    expect(files).toHaveLength(OBJECTS); // no temporary files left behind
  });

  it("records each cutout's size, and writes the anomaly's region mask beside the truth table", async () => {
    const { rows } = readTruth(truthPath);
    for (const row of rows.filter((r) => r.format === 'png')) {
      expect((await sharp(join(dataDir, row.file)).metadata()).width).toBe(Number(row.size));
    }
    // Seed 3's one anomaly in 40 objects is a merger: it has a place.
    const withRegion = rows.filter((r) => r.region !== '');
    expect(withRegion.map((r) => r.anomaly)).toEqual(['merger']);
    for (const row of rows) expect(row.region_mask === '').toBe(row.region === '');
    const [row] = withRegion;
    expect(row.region_mask).toBe(`truth-regions/${row.name}.png`);
    const maskFile = join(root(), 'a', row.region_mask);
    const meta = await sharp(maskFile).metadata();
    expect([meta.width, meta.height, meta.channels, meta.depth]).toEqual([
      Number(row.size),
      Number(row.size),
      1,
      'uchar',
    ]);
    const { data, info } = await sharp(maskFile).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(new Set(data)).toEqual(new Set([0, 255]));
    const box = [info.width, info.height, -1, -1];
    data.forEach((v, i) => {
      if (v !== 255) return;
      const x = i % info.width;
      const y = Math.floor(i / info.width);
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    });
    expect(box.join(' ')).toBe(row.region);
    // Nothing but cutouts under the data folder, which ingest walks.
    expect(readdirSync(dataDir).sort()).toEqual(['fits', 'png']);
  });

  it('mixes FITS cubes and PNGs', () => {
    const { rows } = readTruth(truthPath);
    const fits = rows.filter((r) => r.format === 'fits').length;
    expect(fits).toBeGreaterThan(OBJECTS * 0.25);
    expect(fits).toBeLessThan(OBJECTS * 0.75);
  });

  it('writes FITS cubes of float32 g, r, z planes with flux units and a TAN WCS on the target', () => {
    const { rows } = readTruth(truthPath);
    for (const row of rows.filter((r) => r.format === 'fits')) {
      const bytes = readFileSync(join(dataDir, row.file));
      expect(bytes.length % 2880).toBe(0);
      const cards = rawHeaderValues(bytes);
      expect(cards.get('SIMPLE')).toBe('T');
      expect(cards.get('BITPIX')).toBe('-32');
      expect(cards.get('NAXIS')).toBe('3');
      expect(cards.get('NAXIS3')).toBe('3');
      expect(cards.get('BUNIT')).toBe("'nanomaggy'");
      expect(cards.get('CTYPE1')).toBe("'RA---TAN'");
      expect(cards.get('CTYPE2')).toBe("'DEC--TAN'");
      expect([cards.get('BAND1'), cards.get('BAND2'), cards.get('BAND3')]).toEqual([
        "'g       '",
        "'r       '",
        "'z       '",
      ]);

      const image = readFitsImage(bytes);
      const size = image.width;
      expect(image.height).toBe(size);
      expect(image.bands).toBe(3);
      expect(size).toBeGreaterThanOrEqual(64);
      expect(size).toBeLessThanOrEqual(128);
      expect(image.data).toHaveLength(size * size * 3);
      expect(image.header.get('CRVAL1')).toBeCloseTo(Number(row.ra), 9);
      expect(image.header.get('CRVAL2')).toBeCloseTo(Number(row.dec), 9);
      expect(image.header.get('CRPIX1')).toBe((size + 1) / 2);
      expect(image.header.get('CD1_1')).toBeCloseTo(-0.262 / 3600, 15);
      expect(image.header.get('CD2_2')).toBeCloseTo(0.262 / 3600, 15);
      const centre = imageCentreSky(image.header, size, size);
      expect(centre?.ra).toBeCloseTo(Number(row.ra), 8);
      expect(centre?.dec).toBeCloseTo(Number(row.dec), 8);
    }
  });

  it('writes PNGs as 8-bit RGB', async () => {
    const { rows } = readTruth(truthPath);
    for (const row of rows.filter((r) => r.format === 'png').slice(0, 8)) {
      const meta = await sharp(join(dataDir, row.file)).metadata();
      expect(meta.format).toBe('png');
      expect(meta.channels).toBe(3);
      expect(meta.depth).toBe('uchar');
      expect(meta.width).toBe(meta.height);
      expect(meta.width).toBeGreaterThanOrEqual(64);
      expect(meta.width).toBeLessThanOrEqual(128);
    }
  });

  it('reports progress once per object, ending at the total', () => {
    expect(progress).toHaveLength(OBJECTS);
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: OBJECTS }, (_, i) => i + 1));
    expect(progress.every(([, total]) => total === OBJECTS)).toBe(true);
  });

  it('writes byte-identical files for the same seed, whether on workers or not', async () => {
    const again = join(root(), 'b');
    // Two threads use the compiled worker when dist/ has it; output must not depend on that.
    await generateDemoCollection(join(again, 'data'), join(again, 'truth.csv'), {
      objects: OBJECTS,
      seed: 3,
      threads: 2,
    });
    expect(readFileSync(join(again, 'truth.csv'))).toEqual(readFileSync(truthPath));
    for (const row of readTruth(truthPath).rows.filter((r) => r.region_mask)) {
      expect(readFileSync(join(again, row.region_mask))).toEqual(readFileSync(join(root(), 'a', row.region_mask)));
    }
    for (const row of readTruth(truthPath).rows) {
      expect(readFileSync(join(again, 'data', row.file)).equals(readFileSync(join(dataDir, row.file)))).toBe(true);
    }
  });

  it('differs for another seed', async () => {
    const other = join(root(), 'c');
    await generateDemoCollection(join(other, 'data'), join(other, 'truth.csv'), { objects: 8, seed: 4, threads: 0 });
    const mine = readTruth(truthPath).rows.slice(0, 8);
    const theirs = readTruth(join(other, 'truth.csv')).rows;
    expect(theirs.map((r) => r.ra)).not.toEqual(mine.map((r) => r.ra));
    const sameFormat = theirs.find((r, i) => r.format === mine[i].format)!;
    const index = theirs.indexOf(sameFormat);
    expect(
      readFileSync(join(other, 'data', sameFormat.file)).equals(readFileSync(join(dataDir, mine[index].file))),
    ).toBe(false);
  });

  it('stops when aborted and leaves no truth table', async () => {
    const aborted = join(root(), 'd');
    const controller = new AbortController();
    const run = generateDemoCollection(join(aborted, 'data'), join(aborted, 'truth.csv'), {
      objects: 200,
      seed: 1,
      threads: 0,
      onProgress: (done) => {
        if (done === 3) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(existsSync(join(aborted, 'truth.csv'))).toBe(false);
    const written =
      readdirSync(join(aborted, 'data', 'fits')).length + readdirSync(join(aborted, 'data', 'png')).length;
    expect(written).toBeLessThan(20);
  });

  it('renders on worker threads (TypeScript worker beside the pool) the same cutouts as this thread', async () => {
    const script = findRenderWorkerScript();
    expect(script && fileURLToPath(script)).toBe(
      fileURLToPath(new URL('../../../electron/core/demo/render-worker.ts', import.meta.url)),
    );
    const producer = openCutoutProducer(2);
    expect(producer.threads).toBe(2);
    const here = openCutoutProducer(0);
    const [plan] = planDemoCollection(40, 5).filter((p) => p.format === 'png');
    const [there, local] = await Promise.all([producer.produce({ plan, path: '' }), here.produce({ plan, path: '' })]);
    expect(there).toEqual(local);
    await here.close();
    await producer.close();
  });
});
