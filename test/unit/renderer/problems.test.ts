// The Problems panel's list: failed files then files with warnings (grouped by file), filtered
// by text and kind, exported as path,kind,reason CSV that reads back to the same fields.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../electron/core/formats/tables/csv.js';
import { filterProblems, problemCount, problemFiles, problemsCsv } from '../../../renderer/src/state/problems.js';

const at = '2025-01-01T00:00:00Z';
const errors = [
  { path: '/data/broken.fits', reason: 'FITS data ends at byte 5760 of 8640 (the file may be truncated)' },
  { path: '/data/notes.docx', reason: 'unsupported file type (.fits, .png)' },
];
const warnings = [
  { path: '/data/sloppy.fits', message: "HDU 0: keyword 'object' is not upper case", at },
  { path: '/data/sloppy.fits', message: "HDU 0: EXPTIME: '=' is in column 8, not 9", at },
  { path: '/data/other.fits', message: 'HDU 0: AIRMASS = 1.2x: not a FITS value (kept as text)', at },
];

describe('problem files', () => {
  const files = problemFiles(errors, warnings);

  it('lists failed files first, then each warned file once with all its messages in order', () => {
    expect(files.map((f) => [f.kind, f.path, f.messages.length])).toEqual([
      ['error', '/data/broken.fits', 1],
      ['error', '/data/notes.docx', 1],
      ['warning', '/data/sloppy.fits', 2],
      ['warning', '/data/other.fits', 1],
    ]);
    expect(files[2].messages[1]).toBe("HDU 0: EXPTIME: '=' is in column 8, not 9");
  });

  it('filters by kind and by text in the path or a message, ignoring case', () => {
    expect(filterProblems(files, '', 'all')).toHaveLength(4);
    expect(filterProblems(files, '', 'warning').map((f) => f.path)).toEqual(['/data/sloppy.fits', '/data/other.fits']);
    expect(filterProblems(files, 'TRUNCATED', 'all').map((f) => f.path)).toEqual(['/data/broken.fits']);
    expect(filterProblems(files, ' docx ', 'all').map((f) => f.path)).toEqual(['/data/notes.docx']);
    expect(filterProblems(files, 'exptime', 'all').map((f) => f.path)).toEqual(['/data/sloppy.fits']);
    expect(filterProblems(files, 'exptime', 'error')).toEqual([]);
  });

  it('exports one CSV row per reason or message, quoting commas, quotes and line breaks', () => {
    const awkward = problemFiles(
      [{ path: '/data/a, "b".fits', reason: 'line one\nline two' }],
      [{ path: '/data/c.fits', message: "'=' in column 8", at }],
    );
    const csv = problemsCsv(awkward);
    expect(csv).toBe(
      'path,kind,reason\n"/data/a, ""b"".fits",error,"line one\nline two"\n/data/c.fits,warning,\'=\' in column 8\n',
    );
    expect(parseCsv(csv)).toEqual({
      columns: ['path', 'kind', 'reason'],
      rows: [
        ['/data/a, "b".fits', 'error', 'line one\nline two'],
        ['/data/c.fits', 'warning', "'=' in column 8"],
      ],
    });
    expect(parseCsv(problemsCsv(files)).rows).toHaveLength(5);
  });

  it('counts failed files and files with warnings', () => {
    expect(problemCount({ errors: 22, warnings: 5 })).toBe(27);
    expect(problemCount(null)).toBe(0);
  });
});
