// Sloppy FITS headers are read generously, as astropy reads them, and each generosity is
// recorded: the parser's warnings (lowercase keyword, '=' out of column 9, a repeated keyword,
// an unclosed string, a value that is not FITS, non-ASCII text), and through ingest, per file,
// in the ingest summary and `status --errors`, replaced when the file is read again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFitsHeader } from '../../electron/core/formats/fits/header.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { listIngestWarnings } from '../../electron/core/workspace/repositories/ingest-warnings-repo.js';
import { encodeFitsImageWithRawCards, headerFromCards, rawCard } from '../helpers/fits-fixtures.js';
import { runCliOk } from '../helpers/run-cli.js';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { dispatch } from '../../electron/core/api/api-methods.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-warnings-');
const SLOPPY = [
  "object  = 'NGC 4414'",
  'EXPTIME=  300.0',
  "FILTER  = 'r'",
  "FILTER  = 'g'",
  "OBSERVER= 'Dr. Sm\u00e9th'",
  'AIRMASS =  1.2x',
  "ORIGIN  = 'never closed",
];
const image = {
  shape: [16, 16],
  bitpix: -32 as const,
  data: Float32Array.from({ length: 256 }, (_, i) => (i % 17) / 3),
};

describe('warnings for what was read generously', () => {
  it('are collected by the header parser, while the values are still read', () => {
    const header = parseFitsHeader(
      headerFromCards([rawCard('SIMPLE  =                    T'), ...SLOPPY.map(rawCard)]),
    );
    expect(header.getString('OBJECT')).toBe('NGC 4414');
    expect(header.getNumber('EXPTIME')).toBe(300);
    expect(header.getString('FILTER')).toBe('r');
    expect(header.warnings).toEqual(
      expect.arrayContaining([
        "keyword 'object' is not upper case",
        "EXPTIME: '=' is in column 8, not 9",
        'keyword FILTER appears more than once; the first value is used',
        'card 6 (OBSERVER) has characters outside printable ASCII',
        'AIRMASS = 1.2x: not a FITS value (kept as text)',
        'ORIGIN: the string is not closed by a quote',
      ]),
    );
    expect(
      parseFitsHeader(headerFromCards([rawCard('SIMPLE  =                    T'), rawCard("OBJECT  = 'M 87'")]))
        .warnings,
    ).toEqual([]);
  });

  it('are recorded per file by ingest, listed by status --errors, replaced when the file is read again', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data);
    const path = join(data, 'sloppy.fits');
    writeFileSync(path, encodeFitsImageWithRawCards(image, SLOPPY));
    writeFileSync(join(data, 'clean.fits'), encodeFitsImageWithRawCards(image, ["OBJECT  = 'M 87'"]));
    const ws = join(dir, 'ws');
    const workspace = Workspace.open(ws, { create: true });
    const first = await ingestPaths(workspace, [data]);
    expect(first.added).toBe(2);
    expect(first.failed).toBe(0);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0].path).toMatch(/sloppy\.fits$/);
    expect(first.warnings[0].messages).toContain("HDU 0: keyword 'object' is not upper case");
    expect(listIngestWarnings(workspace.db).length).toBe(first.warnings[0].messages.length);
    workspace.close();

    const status = runCliOk(['status', ws, '--errors']).stdout;
    expect(status).toMatch(/files read with warnings: 1/);
    expect(status).toMatch(/warning: .*sloppy\.fits: HDU 0: EXPTIME: '=' is in column 8, not 9/);
    // The same list through the API, as every transport calls it.
    const service = SerendipService.open(ws);
    const listed = (await dispatch(service, 'warnings', [])) as { path: string; message: string }[];
    expect(listed.map((w) => w.message)).toEqual(first.warnings[0].messages);
    expect(await dispatch(service, 'warnings', [2])).toHaveLength(2);
    service.close();

    // Fixed and read again: its warnings go.
    writeFileSync(path, encodeFitsImageWithRawCards(image, ["OBJECT  = 'NGC 4414'"]));
    const again = Workspace.open(ws);
    const second = await ingestPaths(again, [path]);
    expect(second.updated).toBe(1);
    expect(second.warnings).toEqual([]);
    expect(listIngestWarnings(again.db)).toEqual([]);
    again.close();
  });
});
