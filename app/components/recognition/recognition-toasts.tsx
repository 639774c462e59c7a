import { useEffect, useRef, useState } from "react";
import { useRevalidateSoon } from "../../realtime/useLiveRevalidate";
import { useSocketEvents } from "../../realtime/useSocket";

interface Toast {
  id: number;
  message: string;
}

const SHOW_FOR_MS = 8000;

/**
 * Recognition toasts from the person's own socket room. A polite live region that is always in
 * the page (so screen readers hear additions), never takes focus, and each toast can be closed.
 * A badge or level toast (no new total) also reloads the page's data so the header's level follows.
 */
export function RecognitionToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const revalidateSoon = useRevalidateSoon();

  const dismiss = (id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  };

  useSocketEvents({
    "recognition:toast": (payload) => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-3), { id, message: payload.message }]);
      timers.current.set(id, setTimeout(() => dismiss(id), SHOW_FOR_MS));
      if (typeof payload.total !== "number") revalidateSoon();
    },
  });

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return (
    <div className="toast-region" role="status" aria-live="polite" aria-label="Recognition">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-testid="recognition-toast">
          <p>{toast.message}</p>
          <button type="button" className="button-quiet" onClick={() => dismiss(toast.id)} aria-label={`Dismiss: ${toast.message}`}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
