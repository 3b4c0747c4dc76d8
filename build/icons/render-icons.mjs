// Draws Serendip's icon, a stylised barred spiral galaxy on a night-sky tile, as SVG and
// rasterises it with sharp into the PNG sizes the packagers use (electron-builder reads
// build/icons/<N>x<N>.png for Linux, and converts the large PNGs for macOS and Windows).
// Regenerate with: node build/icons/render-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

/** Points of one logarithmic spiral arm r = a·e^(bθ), from the bar's end outwards. */
function armPoints(phase, turns = 0.95, a = 55, b = 0.32, steps = 96) {
  const points = [];
  for (let i = 0; i <= steps; i++) {
    const theta = (i / steps) * turns * 2 * Math.PI;
    const r = a * Math.exp(b * theta);
    points.push([512 + r * Math.cos(theta + phase), 512 + r * Math.sin(theta + phase)]);
  }
  return points;
}

/** The arm as pieces whose width and brightness fall off outwards, so it tapers like a real one. */
function armStrokes(points, pieces = 8) {
  const out = [];
  const per = Math.ceil((points.length - 1) / pieces);
  for (let k = 0; k < pieces; k++) {
    const part = points.slice(k * per, Math.min(points.length, (k + 1) * per + 1));
    if (part.length < 2) break;
    const d = `M${part.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' L')}`;
    const fade = 1 - k / pieces;
    out.push(
      `<path d="${d}" fill="none" stroke="#5b7cff" stroke-width="${(30 + 60 * fade).toFixed(0)}" ` +
        `stroke-linecap="round" opacity="${(0.12 + 0.18 * fade).toFixed(2)}"/>`,
      `<path d="${d}" fill="none" stroke="#c9d6ff" stroke-width="${(6 + 22 * fade).toFixed(0)}" ` +
        `stroke-linecap="round" opacity="${(0.35 + 0.55 * fade).toFixed(2)}"/>`,
    );
  }
  return out.join('');
}

/** A few fixed background stars (deterministic, so the files never change on regeneration). */
function stars() {
  const spots = [
    [150, 190, 5], [860, 160, 4], [800, 860, 6], [190, 820, 4],
    [905, 560, 3], [110, 520, 3], [640, 95, 3], [380, 930, 3],
  ];
  return spots.map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="#dfe8ff" opacity="0.85"/>`).join('');
}

const SKY_GRADIENT =
  '<radialGradient id="sky" cx="50%" cy="45%" r="75%">' +
  '<stop offset="0" stop-color="#1b2450"/><stop offset="1" stop-color="#070a18"/></radialGradient>';
const CORE_GRADIENT =
  '<radialGradient id="core" cx="50%" cy="50%" r="50%">' +
  '<stop offset="0" stop-color="#fffbe8"/><stop offset="0.35" stop-color="#ffd98a"/>' +
  '<stop offset="1" stop-color="#ffb347" stop-opacity="0"/></radialGradient>';

export function galaxyIconSvg() {
  const arms = [0, Math.PI].map((phase) => armStrokes(armPoints(phase))).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">
<defs>
${SKY_GRADIENT}
${CORE_GRADIENT}
</defs>
<rect x="0" y="0" width="1024" height="1024" rx="200" fill="url(#sky)"/>
${stars()}
<g transform="rotate(-28 512 512) translate(512 512) scale(1 0.62) translate(-512 -512)">
${arms}
<rect x="400" y="488" width="224" height="48" rx="24" fill="#ffe6b0" opacity="0.8"/>
<circle cx="512" cy="512" r="150" fill="url(#core)"/>
</g>
</svg>
`;
}

export async function renderIcons(dir) {
  const svg = galaxyIconSvg();
  writeFileSync(join(dir, 'icon.svg'), svg);
  for (const size of ICON_SIZES) {
    await sharp(Buffer.from(svg), { density: Math.max(72, (72 * size) / 1024) })
      .resize(size, size)
      .png()
      .toFile(join(dir, `${size}x${size}.png`));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await renderIcons(dirname(fileURLToPath(import.meta.url)));
}
