// generateDemoSpectra end to end: files and truth table, byte-identical per seed, aborts,
// the option on generateDemoCollection, and astropy (Debian's python, skipped where absent)
// reading the files as SDSS spec files: HDU names, column names, dtypes and values.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoSpectra } from '../../../../electron/core/demo/spectra/demo-spectra.js';
import { generateDemoCollection } from '../../../../electron/core/demo/demo-collection.js';
import { planDemoSpectra } from '../../../../electron/core/demo/spectra/spectra-plan.js';
import { renderSpectrum } from '../../../../electron/core/demo/spectra/render-spectrum.js';
import { SPECTRUM_ANOMALY_KINDS } from '../../../../electron/core/demo/spectra/spectrum-types.js';
import { hasReferencePython, runReferencePython } from '../../../helpers/reference-python.js';
import { useSharedTempDir } from '../../../helpers/temp-dir.js';
import { readTruthTable } from '../../../helpers/demo-truth.js';

const withAstropy = hasReferencePython(['numpy', 'astropy']);
const OBJECTS = 120;
const OPTIONS = { objects: OBJECTS, seed: 4, anomalyFraction: 0.1 };

interface Row {
  name: string;
  file: string;
  kind: string;
  is_anomaly: string;
  source: string;
  z: string;
  class: string;
  ra: string;
  dec: string;
}

const readTruth = (path: string) => readTruthTable<Row>(path);

const root = useSharedTempDir('serendip-demo-spectra-');
let dataDir: string;
let truthPath: string;
const progress: [number, number][] = [];
let result: { files: number; anomalies: number };

beforeAll(async () => {
  dataDir = join(root(), 'a', 'data');
  truthPath = join(root(), 'a', 'spectra-truth.csv');
  result = await generateDemoSpectra(dataDir, truthPath, {
    ...OPTIONS,
    onProgress: (done, total) => progress.push([done, total]),
  });
});

describe('generateDemoSpectra', () => {
  it('writes one SDSS-named file per spectrum under spectra/ and a truth table with the agreed columns', () => {
    expect(result).toEqual({ files: OBJECTS, anomalies: 12 });
    const { header, rows } = readTruth(truthPath);
    expect(header).toBe('name,file,kind,is_anomaly,source,z,class,ra,dec');
    expect(rows).toHaveLength(OBJECTS);
    expect(readdirSync(join(dataDir, 'spectra')).sort()).toEqual(rows.map((r) => `${r.name}.fits`).sort());
    for (const row of rows) {
      expect(row.file).toBe(`spectra/${row.name}.fits`);
      expect(existsSync(join(dataDir, row.file))).toBe(true);
      expect(readFileSync(join(dataDir, row.file)).length % 2880).toBe(0);
      expect(row.is_anomaly).toBe(['passive', 'star-forming'].includes(row.kind) ? '0' : '1');
    }
    const kinds = new Set(rows.filter((r) => r.is_anomaly === '1').map((r) => r.kind));
    expect([...kinds].sort()).toEqual([...SPECTRUM_ANOMALY_KINDS].sort());
    expect(progress).toHaveLength(OBJECTS);
    expect(progress.at(-1)).toEqual([OBJECTS, OBJECTS]);
  });

  it('writes byte-identical files for the same seed, different ones for another', async () => {
    const again = join(root(), 'b', 'data');
    await generateDemoSpectra(again, join(root(), 'b', 'truth.csv'), OPTIONS);
    expect(readFileSync(join(root(), 'b', 'truth.csv'), 'utf8')).toBe(readFileSync(truthPath, 'utf8'));
    for (const row of readTruth(truthPath).rows) {
      expect(readFileSync(join(again, row.file)).equals(readFileSync(join(dataDir, row.file))), row.name).toBe(true);
    }
    const other = join(root(), 'c', 'data');
    await generateDemoSpectra(other, join(root(), 'c', 'truth.csv'), { ...OPTIONS, objects: 5, seed: 5 });
    expect(readFileSync(join(root(), 'c', 'truth.csv'), 'utf8')).not.toBe(readFileSync(truthPath, 'utf8'));
  });

  it('stops when aborted and writes no truth table', async () => {
    const controller = new AbortController();
    const target = join(root(), 'd', 'truth.csv');
    const run = generateDemoSpectra(join(root(), 'd', 'data'), target, {
      objects: 200,
      seed: 1,
      signal: controller.signal,
      onProgress: (done) => done === 3 && controller.abort(),
    });
    await expect(run).rejects.toThrow();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(root(), 'd', 'data', 'spectra')).length).toBeLessThan(200);
  });
});

describe('generateDemoCollection with spectra', () => {
  it('writes spectra and their truth beside the cutouts when asked', async () => {
    const data = join(root(), 'e', 'data');
    const truth = join(root(), 'e', 'demo-truth.csv');
    const seen: [number, number][] = [];
    const out = await generateDemoCollection(data, truth, {
      objects: 4,
      spectra: 6,
      seed: 2,
      threads: 0,
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(out.files).toBe(4);
    expect(out.spectra).toEqual({ files: 6, anomalies: 0, truthPath: join(root(), 'e', 'demo-spectra-truth.csv') });
    expect(readTruth(out.spectra!.truthPath).rows).toHaveLength(6);
    expect(readdirSync(join(data, 'spectra'))).toHaveLength(6);
    expect(seen.at(-1)).toEqual([10, 10]);
  });
});

const READ_SPEC = `
import sys, json, numpy as np
from astropy.io import fits
out = []
for path in sys.argv[1:]:
    with fits.open(path) as h:
        h.verify('exception')
        c = h['COADD'].data
        s = h['SPECOBJ'].data
        p = h[0].header
        out.append({
            'extnames': [x.name for x in h],
            'primary': {k: p[k] for k in ['PLUG_RA', 'PLUG_DEC', 'PLATEID', 'MJD', 'FIBERID',
                                          'COEFF0', 'COEFF1', 'VACUUM']},
            'naxis': h[0].header['NAXIS'],
            'coadd': {n: c[n].dtype.str for n in c.names},
            'units': {n: h['COADD'].columns[n].unit for n in c.names},
            'specobj': {n: s[n].dtype.str for n in s.names},
            'z': float(s['Z'][0]), 'cls': str(s['CLASS'][0]),
            'ra': float(s['PLUG_RA'][0]), 'dec': float(s['PLUG_DEC'][0]),
            'specobjid': str(s['SPECOBJID'][0]),
            'rows': len(c), 'loglam0': float(c['loglam'][0]),
            'dloglam': float(np.median(np.diff(c['loglam'].astype(np.float64)))),
            'flux': c['flux'].astype(np.float64).tolist(),
            'ivar_masked_ok': bool(np.all(c['ivar'][c['and_mask'] != 0] == 0)),
        })
print(json.dumps(out))
`;

interface SpecView {
  extnames: string[];
  primary: Record<string, number | boolean>;
  naxis: number;
  coadd: Record<string, string>;
  units: Record<string, string | null>;
  specobj: Record<string, string>;
  z: number;
  cls: string;
  ra: number;
  dec: number;
  specobjid: string;
  rows: number;
  loglam0: number;
  dloglam: number;
  flux: number[];
  ivar_masked_ok: boolean;
}

describe.skipIf(!withAstropy)('astropy reads the demo spectra as SDSS spec files', () => {
  it('finds the HDUs, columns, dtypes and the values we drew', () => {
    const plans = planDemoSpectra(OPTIONS.objects, OPTIONS.seed, OPTIONS.anomalyFraction);
    // One of each kind present.
    const picked = [...new Map(plans.map((p) => [p.kind, p])).values()];
    const seen = runReferencePython<SpecView[]>(
      READ_SPEC,
      picked.map((p) => join(dataDir, 'spectra', `${p.name}.fits`)),
    );
    picked.forEach((plan, k) => {
      const view = seen[k];
      expect(view.extnames).toEqual(['PRIMARY', 'COADD', 'SPECOBJ']);
      expect(view.naxis).toBe(0);
      expect(view.coadd).toEqual({
        flux: '>f4',
        loglam: '>f4',
        ivar: '>f4',
        and_mask: '>i4',
        or_mask: '>i4',
        wdisp: '>f4',
        sky: '>f4',
      });
      expect(view.units.flux).toBe('1E-17 erg/s/cm^2/Ang');
      expect(view.specobj).toMatchObject({
        Z: '>f4',
        PLUG_RA: '>f8',
        PLUG_DEC: '>f8',
        PLATE: '>i4',
        MJD: '>i4',
        FIBERID: '>i4',
        SPECOBJID: '>i8',
      });
      expect(view.specobj.CLASS).toMatch(/^<U6|\|S6$/);
      expect(view.primary).toMatchObject({
        PLUG_RA: plan.ra,
        PLUG_DEC: plan.dec,
        PLATEID: plan.plate,
        MJD: plan.mjd,
        FIBERID: plan.fiber,
        COEFF1: 1e-4,
        VACUUM: true,
      });
      expect(view.cls).toBe(plan.class);
      expect(view.ra).toBe(plan.ra);
      expect(Math.abs(view.z - plan.z)).toBeLessThan(0.01);
      expect(BigInt(view.specobjid) >> 50n).toBe(BigInt(plan.plate));
      const drawn = renderSpectrum(plan);
      expect(view.rows).toBe(drawn.grid.length);
      expect(view.loglam0).toBeCloseTo(view.primary.COEFF0 as number, 5);
      expect(view.dloglam).toBeCloseTo(1e-4, 6);
      expect(view.flux).toEqual(Array.from(drawn.observed.flux));
      expect(view.ivar_masked_ok).toBe(true);
    });
  });
});
