import { useEffect, useId, useRef, type ReactNode, type RefObject } from "react";
import { classFor, type TokensClassNames } from "../class-names";

export interface ModalProps {
  open: boolean;
  /** Called when the user closes it (Escape, or a button that calls it). */
  onClose(): void;
  title: ReactNode;
  /** Where focus goes on close when the element that opened it is gone (e.g. a revoked row's button). */
  fallbackFocus?: RefObject<HTMLElement | null> | undefined;
  classNames?: TokensClassNames | undefined;
  className?: string;
  children: ReactNode;
}

/**
 * A native `<dialog>` opened with `showModal()`: the browser makes the page behind it inert
 * (focus cannot leave) and Escape closes it. Focus returns to the element that opened it.
 * Its content is rendered only while open, so a secret leaves the DOM with the dialog.
 */
export function Modal({ open, onClose, title, fallbackFocus, classNames, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement as HTMLElement | null;
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!open && opener.current) {
      if (dialog.open) dialog.close();
      const back = opener.current.isConnected ? opener.current : fallbackFocus?.current;
      opener.current = null;
      back?.focus();
    }
  }, [open, fallbackFocus]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`${classFor(classNames, "dialog", "bat-dialog")}${className ? ` ${className}` : ""}`}
      onCancel={(event) => {
        // Escape: React state decides, so the dialog and the state cannot disagree.
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className={classFor(classNames, "dialogTitle", "bat-dialog-title")}>
            {title}
          </h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
