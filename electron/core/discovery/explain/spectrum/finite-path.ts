// One SVG path through a spectrum's finite values, broken where a value is not (a masked bin):
// the explanation's plot draws its curves with it, in the CLI's PNG and in the app's panel alike.
// No Node imports, so the renderer bundles it.

/** The path's commands ("M x y L x y …", one decimal), point i at (x(wavelength[i]), y(values[i])). */
export function finitePath(
  wavelength: readonly number[],
  values: readonly number[],
  x: (lambda: number) => number,
  y: (value: number) => number,
): string {
  const commands: string[] = [];
  let drawing = false;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      drawing = false;
      return;
    }
    commands.push(`${drawing ? 'L' : 'M'}${x(wavelength[i]).toFixed(1)} ${y(v).toFixed(1)}`);
    drawing = true;
  });
  return commands.join(' ');
}
