// The tables a user hands over besides images, damaged: label CSVs for `label --from` and
// catalogs (CSV and Parquet) for `--catalog`. Every damaged file is refused with a message and
// changes nothing (a label import is all or nothing; a catalog join writes no metadata), and
// nothing throws anything but a clear Error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const FLIP_VARIANTS = 20;

describe('damaged label files and catalogs', () => {
  const dir = useSharedTempDir('serendip-table-fuzz-')();
  let service: SerendipService;
  let names: string[];
  beforeAll(async () => {
    service = SerendipService.open(join(dir, 'ws'), { create: true });
    await service.demo({ objects: 12, seed: 5 });
    names = service.findObjects('DEMO-', 100).map((o) => o.name);
  });
  // Runs before the folder's removal: after-hooks run in the reverse of their registration.
  afterAll(() => service.close());

  const metadataRows = () =>
    service.workspace.db.prepare('SELECT count(*) FROM object_metadata').pluck().get() as number;
  const labelEvents = () => service.workspace.db.prepare('SELECT count(*) FROM label_events').pluck().get() as number;

  it('refuses every damaged label CSV whole, with a message, and keeps the labels as they were', async () => {
    const good = `name,label,relevance\n${names
      .slice(0, 6)
      .map((n, i) => `${n},lens,${i % 6}`)
      .join('\n')}\n`;
    const random = new SeededRandom(8);
    const cases: [string, string | Buffer][] = [
      ['empty', ''],
      ['header only wrong', 'object,kind\nDEMO-000001,lens\n'],
      ['unknown name', `name,label\nNO-SUCH-OBJECT,lens\n${names[0]},ring\n`],
      ['bad relevance', `name,label,relevance\n${names[0]},lens,9\n`],
      ['relevance not a number', `name,label,relevance\n${names[0]},lens,high\n`],
      ['unterminated quote', `name,label\n"${names[0]},lens\n`],
      ['empty label', `name,label\n${names[0]},\n`],
      ['binary', Buffer.from(Array.from({ length: 2000 }, () => random.nextInt(256)))],
      ['very long label', `name,label\n${names[0]},${'x'.repeat(5000)}\n`],
    ];
    for (let v = 0; v < FLIP_VARIANTS; v++) {
      const bytes = Buffer.from(good);
      for (let f = 0; f < 6; f++) bytes[random.nextInt(bytes.length)] = random.nextInt(256);
      cases.push([`flipped ${v}`, bytes]);
    }
    let refused = 0;
    for (const [name, content] of cases) {
      const path = join(dir, `labels-${name.replace(/\W/g, '-')}.csv`);
      writeFileSync(path, content);
      const before = labelEvents();
      try {
        const result = await service.labelFromCsv(path);
        // A flipped byte can leave a valid file (e.g. inside a label): then every row landed.
        expect(labelEvents() - before, name).toBe(result.labelled);
      } catch (err) {
        refused++;
        expect(err, name).toBeInstanceOf(Error);
        expect((err as Error).message.length, name).toBeGreaterThan(10);
        expect(labelEvents(), `${name} must change nothing`).toBe(before);
      }
    }
    console.log(
      `label CSV fuzz: ${cases.length} files, ${refused} refused whole, ${cases.length - refused} imported whole`,
    );
    expect(refused).toBeGreaterThanOrEqual(9);
  });

  it('refuses damaged catalogs with a message and writes no metadata', async () => {
    const csv = `name,redshift,mass\n${names.map((n, i) => `${n},${0.01 * (i + 1)},${10 + i / 10}`).join('\n')}\n`;
    const parquet = Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: 'name', data: names, type: 'STRING' },
          { name: 'redshift', data: names.map((_, i) => 0.01 * (i + 1)), type: 'DOUBLE' },
        ],
      }),
    );
    const random = new SeededRandom(9);
    const cases: [string, Buffer | string][] = [
      ['empty.csv', ''],
      ['no-key.csv', 'colour,size\nred,3\n'],
      ['binary.csv', Buffer.from(Array.from({ length: 4000 }, () => random.nextInt(256)))],
      ['truncated.parquet', parquet.subarray(0, Math.floor(parquet.length / 2))],
      ['magic-only.parquet', Buffer.from('PAR1PAR1')],
      [
        'footer-flipped.parquet',
        (() => {
          const b = Buffer.from(parquet);
          b[b.length - 6] ^= 0xff;
          return b;
        })(),
      ],
    ];
    let refused = 0;
    for (const [name, content] of cases) {
      const path = join(dir, `catalog-${name}`);
      writeFileSync(path, content);
      const before = metadataRows();
      try {
        await service.ingest({ paths: [join(service.workspace.paths.root, 'demo-data')], catalog: path });
        // A file that is still a table but matches nothing joins nothing.
        expect(metadataRows(), name).toBe(before);
      } catch (err) {
        refused++;
        expect((err as Error).message.length, name).toBeGreaterThan(10);
        expect(metadataRows(), `${name} must write nothing`).toBe(before);
      }
    }
    console.log(`catalog fuzz: ${cases.length} damaged catalogs, ${refused} refused with a message`);
    expect(refused).toBeGreaterThanOrEqual(4);
    // And the undamaged ones still join.
    writeFileSync(join(dir, 'good.csv'), csv);
    const before = metadataRows();
    await service.ingest({ paths: [join(service.workspace.paths.root, 'demo-data')], catalog: join(dir, 'good.csv') });
    const keys = service.workspace.db.prepare('SELECT DISTINCT key FROM object_metadata ORDER BY key').pluck().all();
    expect(keys).toEqual(expect.arrayContaining(['mass', 'redshift']));
    expect(metadataRows()).toBeGreaterThan(before);
  });
});
