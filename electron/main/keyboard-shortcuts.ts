// The shortcuts Help > Keyboard shortcuts lists. The menu's own accelerators come first; the
// views' keys are those the renderer binds (the queue's keys can be changed in the app).
// electron/ may not import the renderer's keybinding table, so a unit test holds these to it.
export interface Shortcut {
  keys: string;
  action: string;
}

export function keyboardShortcuts(platform: NodeJS.Platform): { section: string; shortcuts: Shortcut[] }[] {
  const mod = platform === 'darwin' ? 'Cmd' : 'Ctrl';
  return [
    {
      section: 'Application',
      shortcuts: [
        { keys: `${mod}+O`, action: 'Open workspace' },
        { keys: `${mod}+N`, action: 'New workspace from folder' },
        { keys: `${mod}+E`, action: 'Export' },
        { keys: `${mod}+0 / ${mod}+= / ${mod}+-`, action: 'Reset zoom / zoom in / zoom out' },
        { keys: platform === 'darwin' ? 'Cmd+Q' : 'Ctrl+Q', action: 'Quit' },
      ],
    },
    {
      section: 'Queue',
      shortcuts: [
        { keys: '0 – 5', action: 'Relevance' },
        { keys: 'a / l / m / r / i', action: 'Label: artefact / lens / merger / ring / interesting' },
        { keys: 'A / L / M / R / I', action: 'The label as a negative: not artefact / not lens / …' },
        { keys: 'Space or →', action: 'Next object' },
        { keys: 'z', action: 'Undo the last label' },
      ],
    },
    {
      section: 'Inspector',
      shortcuts: [
        { keys: 'w', action: 'Why odd? (scorers, features, typical neighbours)' },
        { keys: 'o', action: 'Where it is odd: the overlay on the image, on or off' },
      ],
    },
  ];
}

export function formatShortcuts(platform: NodeJS.Platform): string {
  return keyboardShortcuts(platform)
    .map(({ section, shortcuts }) =>
      [section, ...shortcuts.map((s) => `  ${s.keys.padEnd(24)} ${s.action}`)].join('\n'),
    )
    .join('\n\n');
}
