// The zod schemas of the computeDevices API method (`serendip doctor`, Settings > Compute
// devices): its request, and the device report it returns, checked at compile time against
// the report's TypeScript type in the core (electron/core/compute/device-report.ts), which
// documents each field. contract.ts re-exports both.
import { z } from 'zod';
import { BACKEND_NAMES } from '../../../native-models/backends/backend-interface.js';
import {
  DEVICE_REPORT_VERSION,
  DEVICE_STATUSES,
  type DeviceReport as DeviceReportType,
} from '../compute/device-report.js';

/** `serendip doctor` / Settings > Compute devices: `probe: false` skips the speed probes. */
export const ComputeDevicesRequest = z.object({ probe: z.boolean().default(true) });
export type ComputeDevicesRequest = z.input<typeof ComputeDevicesRequest>;

const Throughput = z.object({
  imagesPerSecond: z.number().nullable(),
  batch: z.number().int(),
  steps: z.number().int(),
  seconds: z.number(),
  note: z.string().nullable(),
});
const nullableText = z.string().nullable();

/** The device report (its fields are documented on the type, electron/core/compute/device-report.ts). */
export const DeviceReport = z.object({
  version: z.literal(DEVICE_REPORT_VERSION),
  checkedAt: z.string(),
  host: z.object({ platform: z.string(), arch: z.string(), cpu: z.string() }),
  probe: z
    .object({
      model: z.string(),
      batches: z.object({ training: z.number().int(), encoding: z.number().int() }),
      seconds: z.number(),
      warmUpSeconds: z.number(),
    })
    .nullable(),
  backends: z.array(
    z.object({
      name: z.enum(BACKEND_NAMES),
      packageName: nullableText,
      optIn: nullableText,
      status: z.enum(DEVICE_STATUSES),
      reason: nullableText,
      device: nullableText,
      training: Throughput.nullable(),
      encoding: Throughput.nullable(),
      notProbed: nullableText,
    }),
  ),
  onnxruntime: nullableText,
  providers: z.array(
    z.object({
      name: z.string(),
      auto: z.boolean(),
      status: z.enum(['available', 'unavailable']),
      reason: nullableText,
      device: nullableText,
      encoding: Throughput.nullable(),
      notProbed: nullableText,
      checkedAgainstCpu: z.object({ maxDifference: z.number(), checkedAt: z.string() }).nullable().optional(),
    }),
  ),
  training: z.enum(BACKEND_NAMES).nullable(),
  onnx: nullableText,
  gpuWindow: z
    .object({
      selected: z.object({ name: z.enum(BACKEND_NAMES), device: z.string(), hardwareGpu: z.boolean() }).nullable(),
      skipped: z.array(z.object({ name: z.enum(BACKEND_NAMES), reason: z.string() })),
    })
    .nullable(),
  verdict: z.object({ training: z.string(), onnx: z.string() }),
});
export type DeviceReport = DeviceReportType;
// The schema and the core's type must describe the same JSON: either drifting fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaIsTheType: Same<z.infer<typeof DeviceReport>, DeviceReportType> = true;
void schemaIsTheType;
