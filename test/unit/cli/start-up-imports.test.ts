// Every command loads the CLI's static imports before it runs. The heavy packages (tfjs, the
// native addons, WebAssembly) must stay behind an `import()` where they are used, or every
// `serendip status` pays for them.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEAVY_PACKAGES } from '../../../electron/core/util/heavy-packages.js';
import { staticImports } from '../../helpers/static-imports.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('start-up imports', () => {
  it('loads no heavy package before a CLI command runs', () => {
    const { packages } = staticImports(root, 'electron/cli/serendip.ts');
    const reached = HEAVY_PACKAGES.filter((name) => packages.has(name)).map(
      (name) => `${name} <- ${packages.get(name)!.join(' > ')}`,
    );
    expect(reached).toEqual([]);
  });

  it('sees a static import of a package, and not an `import()` of one', () => {
    // A file reader sits behind `import()` and imports libvips statically.
    expect(staticImports(root, 'electron/core/ingest/read-raster.ts').packages.has('sharp')).toBe(true);
    // The HDF5 module imports the library on the first file: only its types statically.
    expect(staticImports(root, 'electron/core/formats/hdf5/file.ts').packages.has('h5wasm')).toBe(false);
  });
});
