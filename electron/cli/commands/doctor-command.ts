// `serendip doctor [--json] [--no-probe]`: which tfjs backends and onnxruntime providers run on
// this machine, on what device, why the others do not, and how many images a second each
// trains and encodes in a short probe; then what training and ONNX encoding will use. It
// needs no workspace. The checks run on worker threads (electron/core/compute), so this
// command loads no heavy package itself.
import type { Command } from 'commander';
import {
  DEVICE_STATUS_WORDS,
  deviceOrReason,
  providerDeviceOrReason,
  formatImagesPerSecond,
  type BackendReport,
  type DeviceReport,
  type ProviderReport,
  type Throughput,
} from '../../core/compute/device-report.js';
import { progressReporter } from '../progress-reporter.js';
import { printJson } from '../run-command.js';

type Align = 'left' | 'right';

/** Columns padded to their widest cell; the last column is left ragged. */
export function formatTable(header: string[], rows: string[][], align: Align[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : align[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [header, ...rows].map((cells) => `  ${line(cells)}`);
}

function probeNotes(name: string, probes: [string, Throughput | null][]): string[] {
  return probes.flatMap(([work, t]) =>
    t?.note ? [`  ${t.imagesPerSecond === null ? '' : '* '}${name} ${work}: ${t.note}`] : [],
  );
}

function backendTable(report: DeviceReport): string[] {
  const rows = report.backends.map((b: BackendReport) => [
    b.name,
    (b.optIn ? 'opt-in, ' : '') + DEVICE_STATUS_WORDS[b.status],
    formatImagesPerSecond(b.training),
    formatImagesPerSecond(b.encoding),
    deviceOrReason(b),
  ]);
  const notes = report.backends.flatMap((b) => [
    ...(b.optIn ? [`  ${b.name}: opt-in: ${b.optIn}`] : []),
    ...probeNotes(b.name, [
      ['training', b.training],
      ['encoding', b.encoding],
    ]),
  ]);
  const probe = report.probe;
  const title = probe
    ? `tfjs backends: a ${probe.model}, ${probe.seconds} s of training (batches of ${probe.batches.training}) ` +
      `and of encoding (batches of ${probe.batches.encoding}) each`
    : 'tfjs backends (not probed)';
  const header = ['backend', 'status', 'train img/s', 'encode img/s', 'device, or why not'];
  return [title, ...formatTable(header, rows, ['left', 'left', 'right', 'right', 'left']), ...notes];
}

function providerTable(report: DeviceReport): string[] {
  if (report.onnxruntime === null) return ['ONNX providers: onnxruntime-node does not load'];
  const rows = report.providers.map((p: ProviderReport) => [
    p.name,
    p.auto ? 'yes' : 'no',
    DEVICE_STATUS_WORDS[p.status],
    formatImagesPerSecond(p.encoding),
    providerDeviceOrReason(p),
  ]);
  const notes = report.providers.flatMap((p) => probeNotes(p.name, [['encoding', p.encoding]]));
  const probe = report.probe;
  const title =
    `ONNX providers (onnxruntime-node ${report.onnxruntime})` +
    (probe
      ? `: the same model's encoder as ONNX, ${probe.seconds} s of encoding (batches of ${probe.batches.encoding})`
      : '');
  const header = ['provider', 'auto', 'status', 'encode img/s', 'device, or why not'];
  return [title, ...formatTable(header, rows, ['left', 'left', 'left', 'right', 'left']), ...notes];
}

/** The report for people: one table per kind, their notes, and the verdict. */
export function formatDeviceReport(report: DeviceReport): string {
  return [
    ...backendTable(report),
    '',
    ...providerTable(report),
    '',
    report.verdict.training,
    report.verdict.onnx,
    '',
  ].join('\n');
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check which GPU and CPU backends can train and encode here, and how fast (about 2 s a probe); ' +
        'see README "Using your GPU"',
    )
    .option('--json', 'print the report as JSON (its shape: electron/core/compute/device-report.ts)')
    .option('--no-probe', 'skip the speed probes: only what runs here, and on what')
    .action(async (options: { json?: boolean; probe: boolean }) => {
      const controller = new AbortController();
      const onInterrupt = () => controller.abort(new Error('cancelled by the user'));
      process.once('SIGINT', onInterrupt);
      const progress = progressReporter();
      try {
        const { checkComputeDevices } = await import('../../core/compute/compute-devices.js');
        const report = await checkComputeDevices({
          probe: options.probe,
          signal: controller.signal,
          onProgress: progress.report,
        });
        progress.end();
        if (options.json) printJson(report);
        else process.stdout.write(formatDeviceReport(report));
      } finally {
        progress.end();
        process.off('SIGINT', onInterrupt);
      }
    });
}
