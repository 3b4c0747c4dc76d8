// The inspector's "Why odd?" state: whether the panel is open (it stays open from one selected
// object to the next, so each is explained as it is picked), the explanation itself, and the
// overlay on the image (shown or not, which map). Its keys come from the keybinding table.
import { useEffect, useMemo, useState } from 'react';
import { isAppKey, isKey } from '../../keyboard.js';
import { overlayChoices, shownChoice, type OverlayChoice } from './explain-overlay.js';
import { useExplanation, type ExplainState } from './use-explanation.js';

export interface ExplainView {
  open: boolean;
  toggleOpen(): void;
  state: ExplainState;
  overlay: {
    choices: OverlayChoice[];
    /** The map drawn over the image; null when hidden or there is none. */
    drawn: OverlayChoice | null;
    /** The map the selector shows, whether drawn or hidden. */
    chosen: OverlayChoice | null;
    on: boolean;
    toggle(): void;
    pick(key: string): void;
  };
  /** The image's displayed band name (null for a colour composite), for the residual that matches it. */
  setShownBand(band: string | null): void;
}

export function useExplainView(name: string | null): ExplainView {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(true);
  const [picked, setPicked] = useState<string | null>(null);
  const [shownBand, setShownBand] = useState<string | null>(null);
  const state = useExplanation(name, open);
  const maps = state.phase === 'done' ? state.result.maps : undefined;
  const choices = useMemo(() => overlayChoices(maps ?? []), [maps]);
  const chosen = shownChoice(choices, picked, shownBand);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isAppKey(event)) return;
      if (isKey('inspector.explain', event.key)) setOpen((o) => !o);
      else if (isKey('inspector.overlay', event.key)) setOn((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return {
    open,
    toggleOpen: () => setOpen((o) => !o),
    state,
    overlay: {
      choices,
      drawn: on ? chosen : null,
      chosen,
      on,
      toggle: () => setOn((o) => !o),
      pick: setPicked,
    },
    setShownBand,
  };
}
