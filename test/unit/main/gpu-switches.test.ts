// The Chromium switches that open WebGPU on Linux, and nothing elsewhere.
import { describe, expect, it } from 'vitest';
import { enableWebGpu } from '../../../electron/main/gpu-switches.js';

function commandLine(initial: Record<string, string> = {}) {
  const appended: [string, string | undefined][] = [];
  const values = new Map(Object.entries(initial));
  return {
    appended,
    appendSwitch(name: string, value?: string) {
      appended.push([name, value]);
      values.set(name, value ?? '');
    },
    getSwitchValue: (name: string) => values.get(name) ?? '',
  };
}

describe('enableWebGpu', () => {
  it('on Linux, enables unsafe WebGPU and the Vulkan feature', () => {
    const line = commandLine();
    enableWebGpu(line, 'linux');
    expect(line.appended).toEqual([
      ['enable-unsafe-webgpu', undefined],
      ['enable-features', 'Vulkan'],
    ]);
  });

  it('keeps the features the app was launched with (only the last --enable-features counts)', () => {
    const line = commandLine({ 'enable-features': 'UseOzonePlatform,WaylandWindowDecorations' });
    enableWebGpu(line, 'linux');
    expect(line.getSwitchValue('enable-features')).toBe('UseOzonePlatform,WaylandWindowDecorations,Vulkan');
  });

  it('changes nothing on macOS and Windows, where WebGPU is on by default', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const line = commandLine();
      enableWebGpu(line, platform);
      expect(line.appended).toEqual([]);
    }
  });
});
