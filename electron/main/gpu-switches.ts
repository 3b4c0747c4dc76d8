// The Chromium switches that open WebGPU to the GPU window, applied before `ready`. On Linux,
// Electron 45's Chromium (140) keeps WebGPU behind --enable-unsafe-webgpu and reaches the GPU
// only through its Vulkan feature (without it: "WebGPU on Linux requires ... Vulkan"). macOS
// and Windows have WebGPU on by default. Only the app's own pages run in its windows, under
// its CSP, so the "unsafe" (not yet shipped on Linux) API is no wider an opening there.
// Electron-free, so a test checks the switches.

/** The part of Electron's app.commandLine used here. */
export interface ChromiumSwitches {
  appendSwitch(name: string, value?: string): void;
  getSwitchValue(name: string): string;
}

export function enableWebGpu(commandLine: ChromiumSwitches, platform: NodeJS.Platform): void {
  if (platform !== 'linux') return;
  commandLine.appendSwitch('enable-unsafe-webgpu');
  // One --enable-features counts (the last): keep any the user launched with.
  const features = commandLine.getSwitchValue('enable-features');
  commandLine.appendSwitch('enable-features', [features, 'Vulkan'].filter((f) => f !== '').join(','));
}
