// The maps of an explanation as 8-bit PNGs, one per map, for `serendip explain --out`. A map over
// all bands (rarity, saliency) is drawn in a black–red–yellow–white ramp from 0 to its peak (a
// negative saliency, where masking makes the object odder, is drawn as 0 too). The
// input, reconstruction and residual of one band share one stretch, the range of the input and
// reconstruction, so that a residual's brightness reads on the same scale as the image it came from.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { loadSharp } from '../../../util/heavy-packages.js';
import type { ExplainMap } from './explain-map.js';

export interface WrittenMap {
  kind: ExplainMap['kind'];
  band: string | null;
  /** Absolute path of the PNG. */
  path: string;
}

/** A name safe as part of a file name: anything but letters, digits, '.', '_', '+' and '-' becomes '_'. */
export function fileSafeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._+-]/g, '_');
}

/** Writes each map to `dir` as <object>.<kind>[.<band>].png; returns what was written, in the maps' order. */
export async function writeMapPngs(maps: readonly ExplainMap[], dir: string, object: string): Promise<WrittenMap[]> {
  mkdirSync(dir, { recursive: true });
  const written: WrittenMap[] = [];
  for (const map of maps) {
    const band = map.band === null ? '' : `.${fileSafeName(map.band)}`;
    const path = join(dir, `${fileSafeName(object)}.${map.kind}${band}.png`);
    const rgb = map.band === null ? hotRamp(map.values) : grey(map, bandStretch(maps, map.band));
    const png = await (
      await loadSharp()
    )(rgb, { raw: { width: map.width, height: map.height, channels: 3 } })
      .png()
      .toBuffer();
    await writeFileAtomic(path, png);
    written.push({ kind: map.kind, band: map.band, path });
  }
  return written;
}

interface Stretch {
  low: number;
  high: number;
}

/** The range of a band's input and reconstruction (or of its residual alone, when they are absent). */
function bandStretch(maps: readonly ExplainMap[], band: string | null): Stretch {
  const images = maps.filter((m) => m.band === band && (m.kind === 'input' || m.kind === 'reconstruction'));
  const ranged = images.length > 0 ? images : maps.filter((m) => m.band === band && m.kind === 'residual');
  let low = Infinity;
  let high = -Infinity;
  for (const m of ranged) {
    for (const v of m.values) {
      if (!Number.isFinite(v)) continue;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  if (images.length === 0) low = 0;
  return high > low ? { low, high } : { low: 0, high: 1 };
}

function grey(map: ExplainMap, stretch: Stretch): Uint8Array {
  const { values } = map;
  const rgb = new Uint8Array(values.length * 3);
  const span = stretch.high - stretch.low;
  // A residual is a difference: it is drawn on the band's span from 0, not from the band's minimum.
  const zero = map.kind === 'residual' ? 0 : stretch.low;
  for (let i = 0; i < values.length; i++) {
    const v = Number.isFinite(values[i]) ? values[i] : zero;
    const level = Math.round(255 * Math.min(1, Math.max(0, (v - zero) / span)));
    rgb.fill(level, 3 * i, 3 * i + 3);
  }
  return rgb;
}

/** 0 → black, then red, yellow and white at the largest value. */
function hotRamp(values: readonly number[]): Uint8Array {
  let peak = 0;
  for (const v of values) if (v > peak) peak = v;
  const rgb = new Uint8Array(values.length * 3);
  for (let i = 0; i < values.length; i++) {
    const t = peak > 0 && values[i] > 0 ? Math.min(1, values[i] / peak) : 0;
    rgb[3 * i] = Math.round(255 * Math.min(1, 3 * t));
    rgb[3 * i + 1] = Math.round(255 * Math.min(1, Math.max(0, 3 * t - 1)));
    rgb[3 * i + 2] = Math.round(255 * Math.max(0, 3 * t - 2));
  }
  return rgb;
}
