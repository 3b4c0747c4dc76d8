// electron-builder configuration: Linux (AppImage, deb), macOS (dmg, hardened runtime) and
// Windows (nsis). Packaging downloads Electron, so it runs on release machines, not in CI:
//   npm i -D electron-builder && npm run build && npx electron-builder --config build/electron-builder.config.ts
// The interface below covers only the fields used here (electron-builder's own `Configuration`
// type is not installed); test/unit/build/electron-builder-config.test.ts checks the structure.
// Self-contained on purpose: electron-builder compiles this one file on its own.

export interface BuilderConfig {
  appId: string;
  productName: string;
  copyright: string;
  directories: { output: string; buildResources: string };
  /**
   * What goes into the app: only built output and package.json; production node_modules are added by electron-builder.
   */
  files: string[];
  /** Fields written over package.json in the packaged app. */
  extraMetadata: { main: string };
  asar: boolean;
  /** Native modules (and files that load them) cannot be loaded from inside app.asar. */
  asarUnpack: string[];
  /** Rebuild native modules against Electron's Node ABI. */
  npmRebuild: boolean;
  linux: {
    target: string[];
    category: string;
    icon: string;
    executableName: string;
    synopsis: string;
    maintainer: string;
  };
  mac: {
    target: string[];
    category: string;
    icon: string;
    hardenedRuntime: boolean;
    gatekeeperAssess: boolean;
    entitlements: string;
    entitlementsInherit: string;
  };
  dmg: { title: string };
  win: { target: string[]; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
  publish: null;
}

/** The packaged main entry, relative to the package root (what `npm run build` writes). */
export const MAIN_ENTRY = 'dist/electron/main/main.js';

/** Modules with compiled (.node) parts that the app ships (production dependencies only:
 * hnswlib-node, the ANN benchmark's reference, is a devDependency and not packaged). */
export const NATIVE_MODULES = ['better-sqlite3', 'sharp', '@img', 'usearch', '@tensorflow'] as const;

const config: BuilderConfig = {
  appId: 'org.serendip.desktop',
  productName: 'Serendip',
  copyright: 'Copyright © Serendip contributors',
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'dist/electron/**/*',
    'dist/native-models/**/*',
    'dist/renderer/**/*',
    // Data files core imports (spectral lines, which explain names wavelength ranges after).
    'dist/assets/**/*',
    'package.json',
    '!dist/test/**',
    '!**/*.map',
    '!**/*.tsbuildinfo',
  ],
  extraMetadata: { main: MAIN_ENTRY },
  asar: true,
  asarUnpack: [
    ...NATIVE_MODULES.map((name) => `node_modules/${name}/**`),
    '**/*.node',
    // Worker threads are started from file paths and import core modules beside them.
    'dist/electron/core/**',
    'dist/native-models/**',
    'dist/assets/**',
  ],
  npmRebuild: true,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Science',
    icon: 'build/icons',
    executableName: 'serendip-desktop',
    synopsis: 'Explore collections of galaxy images and spectra offline',
    maintainer: 'Serendip maintainers',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.education',
    icon: 'build/icons/1024x1024.png',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { title: 'Serendip ${version}' },
  win: { target: ['nsis'], icon: 'build/icons/256x256.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  publish: null,
};

export default config;
