import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import config, { MAIN_ENTRY, NATIVE_MODULES } from '../../../build/electron-builder.config.js';

const root = new URL('../../../', import.meta.url);
const exists = (path: string) => existsSync(new URL(path, root));

describe('electron-builder configuration', () => {
  it('names the product and builds every platform target', () => {
    expect(config.productName).toBe('Serendip');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });

  it('unpacks every native module the app depends on from the asar archive', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const name of ['better-sqlite3', 'sharp', 'usearch']) {
      expect(pkg.dependencies, name).toHaveProperty(name);
      expect(config.asarUnpack, name).toContain(`node_modules/${name}/**`);
    }
    // hnswlib-node is only the ANN benchmark's reference (test/bench/ann.bench.ts): not shipped.
    expect(pkg.dependencies).not.toHaveProperty('hnswlib-node');
    expect(pkg.devDependencies).toHaveProperty('hnswlib-node');
    expect(NATIVE_MODULES).not.toContain('hnswlib-node');
    expect(NATIVE_MODULES).toContain('@img'); // sharp's libvips binaries live there
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('ships only built output and package.json, with the compiled main entry', () => {
    expect(config.extraMetadata.main).toBe(MAIN_ENTRY);
    expect(config.files).toContain('package.json');
    expect(
      config.files.filter((f) => !f.startsWith('!')).every((f) => f === 'package.json' || f.startsWith('dist/')),
    ).toBe(true);
    expect(config.files.some((f) => MAIN_ENTRY.startsWith(f.replace('**/*', '')))).toBe(true);
  });

  it('points at resources that exist: icons, entitlements', async () => {
    for (const path of [config.mac.icon, config.win.icon, config.mac.entitlements, config.mac.entitlementsInherit])
      expect(exists(path), path).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const meta = await sharp(new URL(`${config.linux.icon}/${size}x${size}.png`, root).pathname).metadata();
      expect([meta.width, meta.height, meta.format]).toEqual([size, size, 'png']);
    }
    expect((await sharp(new URL(config.mac.icon, root).pathname).metadata()).width).toBeGreaterThanOrEqual(512);
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it.skipIf(!exists('dist/electron/main/main.js'))('finds the main entry and the preload in the build output', () => {
    expect(exists(MAIN_ENTRY)).toBe(true);
    expect(exists('dist/electron/preload/preload.cjs')).toBe(true);
  });
});
