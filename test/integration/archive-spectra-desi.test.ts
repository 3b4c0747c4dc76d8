// Ingest of the DESI per-exposure, DESI compressed-mask coadd, LAMOST and SDSS spec-lite
// fixtures (test/fixtures/archive-spectra, made by make_desi_lamost.py): every object a
// spectrum, sky fibres and fibres with FIBERSTATUS set left out, rows named as the readers say.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { countObjects, findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { useTempDir } from '../helpers/temp-dir.js';

const DIR = join(import.meta.dirname, '../fixtures/archive-spectra');
const MINE = /^(desi-exposure|desi-coadd|lamost|sdss)-.*\.fits$/;
const tempDir = useTempDir();

describe('ingesting DESI per-exposure, LAMOST and SDSS spec-lite files', () => {
  it('gives one spectrum object per target row or file, with no errors', async () => {
    const root = tempDir();
    const data = join(root, 'data');
    mkdirSync(data);
    const files = readdirSync(DIR).filter((name) => MINE.test(name));
    for (const name of files) copyFileSync(join(DIR, name), join(data, name));
    expect(files).toHaveLength(6);
    const ws = Workspace.open(join(root, 'ws'), { create: true });
    try {
      const summary = await ingestPaths(ws, [data]);
      expect(summary.errors).toEqual([]);
      expect(summary.added).toBe(files.length);
      // 10 exposure rows less 2 sky and 1 with FIBERSTATUS set, 2 coadd rows, 2 LAMOST, 2 SDSS.
      const objects = 7 + 2 + 2 + 2;
      expect(countObjects(ws.db)).toEqual({ objects, images: 0, spectra: objects });
      expect(findObjectByName(ws.db, '39627652591521181-123456')).toBeDefined();
      expect(findObjectByName(ws.db, '39627652591521181-123470')).toBeDefined();
      expect(findObjectByName(ws.db, '39627652591521999-123456')).toBeDefined();
      expect(findObjectByName(ws.db, '39627652591521999-123470')).toBeUndefined();
      // The coadd's rows are named by TARGETID alone; files of one spectrum by the file.
      expect(findObjectByName(ws.db, '39627652591521181')).toBeDefined();
      expect(findObjectByName(ws.db, 'lamost-dr9-spec-58500-HD063004N290131B01_sp05-101')).toBeDefined();
    } finally {
      ws.close();
    }
  });
});
