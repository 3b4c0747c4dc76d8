// The archive spectrum fixtures (test/fixtures/archive-spectra, written by its make_*.py
// scripts) and which of them are made to be refused: one list for every test that ingests them all.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ARCHIVE_SPECTRA = join(import.meta.dirname, '../fixtures/archive-spectra');

/** Fixtures written to be refused, each with a reason that names the layout it found. */
export const REFUSED_ARCHIVE_SPECTRA = ['table-no-wavelength.fits'];

/** Every archive spectrum fixture's file name. */
export function archiveSpectrumFiles(): string[] {
  return readdirSync(ARCHIVE_SPECTRA).filter((name) => name.endsWith('.fits'));
}

/** One spectrum as a fixture script wrote it down (astropy's reading of the file it wrote). */
export interface ExpectedSpectrum {
  file: string;
  hdu: number;
  wavelength: number[];
  flux: number[];
  ivar: number[];
  mask: number[];
  z: number;
  cls: string;
  ra: number;
  dec: number;
  objectName?: string;
}

/** An expected-*.json of the archive spectrum fixtures. */
export function readExpectedSpectra<T>(name: string): T {
  return JSON.parse(readFileSync(join(ARCHIVE_SPECTRA, name), 'utf8')) as T;
}
