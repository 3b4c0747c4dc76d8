// The host CPU in words, for device descriptions.
import { cpus } from 'node:os';

export function cpuModel(): string {
  const all = cpus();
  const model = all[0]?.model?.trim() || 'unknown CPU';
  return `${model} (${all.length} cores)`;
}
