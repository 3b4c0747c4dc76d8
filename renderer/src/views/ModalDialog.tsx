// A modal panel (workspace chooser, settings): Escape or the backdrop closes it, focus
// moves into it on open and back where it was on close, and its keys stay inside it, so
// typing a letter here never labels the queue's object behind it.
import { useEffect, useRef, type ReactNode } from 'react';
import './dialogs.css';

interface Props {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

export function ModalDialog({ title, testId, onClose, children, wide }: Props) {
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus], input, button:not(.dialog-close)');
    first?.focus();
    return () => before?.focus?.();
  }, []);

  // While open, every key belongs to the dialog, wherever focus is (a disabled button drops
  // it to the body): caught on its way down at window, before the app's and the queue's
  // handlers see it. Typing and Enter still work: they are default actions, not listeners.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        className={wide ? 'modal dialog wide' : 'modal dialog'}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
      >
        <div className="dialog-head">
          <h2>{title}</h2>
          <button className="dialog-close" onClick={onClose} aria-label="Close" title="Close (Esc)">
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
