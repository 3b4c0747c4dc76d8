// The first-use checks of onnxruntime's accelerators (native-models/onnx/provider-check.ts)
// kept in one small JSON file in the user-data folder: they describe this machine (its GPU,
// driver and onnxruntime), not a workspace, so every workspace shares them. Written
// atomically; a missing or unreadable file reads as no checks (each is then made again).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomicSync } from '../../../util/atomic-write.js';
import { onnxProviderChecksPath } from '../../../user-data.js';
import type { ProviderCheck, ProviderCheckStore } from '../../../../../native-models/onnx/provider-check.js';

const FORMAT = 1;

interface ChecksFile {
  format: number;
  checks: ProviderCheck[];
}

function isCheck(value: unknown): value is ProviderCheck {
  const c = value as Partial<ProviderCheck> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.provider === 'string' &&
    typeof c.onnxruntime === 'string' &&
    typeof c.model === 'string' &&
    typeof c.agrees === 'boolean' &&
    typeof c.maxAbsDifference === 'number' &&
    typeof c.checkedAt === 'string'
  );
}

export function providerCheckFile(path: string = onnxProviderChecksPath()): ProviderCheckStore {
  return {
    load() {
      let parsed: Partial<ChecksFile>;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ChecksFile>;
      } catch {
        return [];
      }
      return parsed.format === FORMAT && Array.isArray(parsed.checks) ? parsed.checks.filter(isCheck) : [];
    },
    save(checks) {
      mkdirSync(dirname(path), { recursive: true });
      const file: ChecksFile = { format: FORMAT, checks };
      writeFileAtomicSync(path, `${JSON.stringify(file, null, 2)}\n`);
    },
  };
}
