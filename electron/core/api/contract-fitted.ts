// The export-fitted request and result: a finished run's model as one file that other workspaces
// (a plan's shards) apply with embed --fitted, rank --forest and map --reference.
import { z } from 'zod';

/** A finished run's model as a fitted file, applied elsewhere by embed --fitted, rank --forest, map --reference. */
export const ExportFittedRequest = z.object({
  run: z
    .string()
    .regex(/^[\w.-]+$/)
    .max(200),
  out: z.string().min(1).max(4096),
  /** Map runs: at most this many reference points (a seeded sample of the map's objects). */
  maxReference: z.number().int().min(10).max(10_000_000).optional(),
});
export type ExportFittedRequest = z.input<typeof ExportFittedRequest>;

export interface ExportFittedResult {
  runId: string;
  /** pca, features, forest or reference. */
  kind: string;
  /** The absolute path written, its size and the sha256 of its bytes (what runs applying it record). */
  out: string;
  bytes: number;
  sha256: string;
  /** What was exported when it is not the run itself (an ensemble's forest member). */
  note?: string;
}
