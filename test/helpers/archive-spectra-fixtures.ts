// The archive spectrum fixtures (test/fixtures/archive-spectra, written by its make_*.py
// scripts) and which of them are made to be refused: one list for every test that ingests them all.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ARCHIVE_SPECTRA = join(import.meta.dirname, '../fixtures/archive-spectra');

/** Fixtures written to be refused, each with a reason that names the layout it found. */
export const REFUSED_ARCHIVE_SPECTRA = ['table-no-wavelength.fits'];

/** Every archive spectrum fixture's file name. */
export function archiveSpectrumFiles(): string[] {
  return readdirSync(ARCHIVE_SPECTRA).filter((name) => name.endsWith('.fits'));
}
