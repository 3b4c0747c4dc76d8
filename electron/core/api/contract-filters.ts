// Request schemas and result types of the map's filters and saved views (map-filter.ts holds the
// filter's meaning). Kept beside contract.ts so the queue request and the saved-view methods
// validate filters with one schema.
import { z } from 'zod';
import { LABEL_SHOWS, NO_FILTER, type MapFilter } from './map-filter.js';

const finite = z.number().finite();

export const MapFilterSchema = z.object({
  ranges: z
    .array(z.object({ column: z.string().min(1).max(1000), min: finite, max: finite }))
    .max(64)
    .default([]),
  labels: z
    .object({
      show: z.enum(LABEL_SHOWS).default('all'),
      names: z.array(z.string().min(1).max(1000)).max(1000).default([]),
    })
    .default(NO_FILTER.labels),
  name: z.string().max(1000).default(''),
});

// The schema's output is a MapFilter: a change to either that breaks this fails to compile.
const parsedIsFilter: (parsed: z.output<typeof MapFilterSchema>) => MapFilter = (parsed) => parsed;
void parsedIsFilter;

/** A named filter and colouring, kept in the workspace. */
export interface SavedView {
  name: string;
  filter: MapFilter;
  /** The map's colouring ('score', 'label' or 'meta:<column>'). */
  colourBy: string;
  savedAt: string;
}

export const SaveViewRequest = z.object({
  name: z.string().trim().min(1).max(200),
  filter: MapFilterSchema,
  colourBy: z.string().min(1).max(1000),
});
export type SaveViewRequest = z.input<typeof SaveViewRequest>;

/** The map rows whose object's name contains the text asked for, for the map's name filter. */
export interface MapNameMatches {
  /** The map run the rows index (null: no map). */
  runId: string | null;
  text: string;
  rows: Uint32Array;
}
