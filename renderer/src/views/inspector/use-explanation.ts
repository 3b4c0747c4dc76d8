// The selected object's explanation, asked for only while the "Why odd?" panel is open. A new
// selection aborts the call in flight and never shows the old object's answer; a finished
// embedding or scoring job asks again, since it may answer what failed ("no scores yet").
import { useEffect, useState } from 'react';
import { appStore, useAppState } from '../../state/app-store.js';
import type { Explanation } from '../../../../electron/core/api/contract-explain.js';

export type ExplainState =
  | { phase: 'closed' }
  | { phase: 'loading'; name: string }
  | { phase: 'done'; name: string; result: Explanation }
  | { phase: 'failed'; name: string; message: string };

/** Jobs whose end may change the answer: new embeddings and new scores. */
const CHANGES_ANSWER = new Set(['embed', 'rank']);

export function useExplanation(name: string | null, open: boolean): ExplainState {
  const store = appStore();
  const [state, setState] = useState<ExplainState>({ phase: 'closed' });
  const finished = useAppState((s) => s.jobs.filter((j) => CHANGES_ANSWER.has(j.method) && j.state === 'done').length);
  useEffect(() => {
    if (!open || name === null) return setState({ phase: 'closed' });
    const controller = new AbortController();
    setState({ phase: 'loading', name });
    store.api.callAbortable(controller.signal, 'explain', name).then(
      (result) => !controller.signal.aborted && setState({ phase: 'done', name, result }),
      (err: Error) => !controller.signal.aborted && setState({ phase: 'failed', name, message: err.message }),
    );
    return () => controller.abort();
  }, [name, open, store, finished]);
  // Until the effect has run for a new name, the state still holds the previous object's answer.
  if (state.phase !== 'closed' && state.name !== name)
    return name === null ? { phase: 'closed' } : { phase: 'loading', name };
  return state;
}
