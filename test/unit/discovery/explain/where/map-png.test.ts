// The maps' PNGs: a band's input, reconstruction and residual drawn in one stretch (the range of
// the input and reconstruction; the residual from 0 on the same span), saliency in a hot ramp
// from 0 to its peak, and file names made safe from the object's name.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import sharp from 'sharp';
import { explainMap } from '../../../../../electron/core/discovery/explain/where/explain-map.js';
import { fileSafeName, writeMapPngs } from '../../../../../electron/core/discovery/explain/where/map-png.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';

async function greyLevels(path: string): Promise<number[]> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  return Array.from({ length: info.width * info.height }, (_, i) => data[i * info.channels]);
}

describe('writeMapPngs', () => {
  const dir = useTempDir('serendip-map-png-');

  it("draws a band's input, reconstruction and residual in the same stretch", async () => {
    // Input and reconstruction span 1..3 (span 2); the residual |input − reconstruction| is 0, 1 or 2.
    const input = explainMap('input', 'g', 3, 1, [1, 2, 3]);
    const reconstruction = explainMap('reconstruction', 'g', 3, 1, [1, 3, 2]);
    const residual = explainMap('residual', 'g', 3, 1, [0, 1, 1]);
    const out = dir();
    const written = await writeMapPngs([input, reconstruction, residual], out, 'obj 1/a');
    expect(written.map((w) => w.path.slice(out.length + 1))).toEqual([
      'obj_1_a.input.g.png',
      'obj_1_a.reconstruction.g.png',
      'obj_1_a.residual.g.png',
    ]);
    expect(await greyLevels(written[0].path)).toEqual([0, 128, 255]);
    expect(await greyLevels(written[1].path)).toEqual([0, 255, 128]);
    expect(await greyLevels(written[2].path)).toEqual([0, 128, 128]);
  });

  it('draws saliency black at 0 and below, white at its peak', async () => {
    const saliency = explainMap('saliency', null, 4, 1, [-1, 0, 1, 2]);
    const out = dir();
    const [written] = await writeMapPngs([saliency], out, 'x');
    const { data } = await sharp(written.path).raw().toBuffer({ resolveWithObject: true });
    expect([...data]).toEqual([0, 0, 0, 0, 0, 0, 255, 128, 0, 255, 255, 255]);
    expect(written).toEqual({ kind: 'saliency', band: null, path: join(out, 'x.saliency.png') });
  });

  it('keeps letters, digits and . _ + - in file names', () => {
    expect(fileSafeName('J1234+5678.9_a-b c/d\\e')).toBe('J1234+5678.9_a-b_c_d_e');
  });
});
