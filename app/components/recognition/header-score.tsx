import { useEffect, useState } from "react";
import { useSocketEvents } from "../../realtime/useSocket";

export interface HeaderRecognition {
  points: number;
  levelName: string;
}

/**
 * The signed-in person's score and level in the header. Loaded by the root loader, then moved
 * by the `recognition:toast` pushes that carry a new total; each root load resets it (a new
 * object), as the notification bell does.
 */
export function HeaderScore({ handle, recognition }: { handle: string; recognition: HeaderRecognition }) {
  const [points, setPoints] = useState(recognition.points);
  useEffect(() => setPoints(recognition.points), [recognition]);
  useSocketEvents({
    "recognition:toast": (payload) => {
      if (typeof payload.total === "number") setPoints(payload.total);
    },
  });
  return (
    <a href={`/u/${handle}/recognition`} className="header-score" data-testid="header-score" title="Your recognition">
      <span aria-hidden="true">★</span>
      <span className="header-points">{points}</span> points
      <span className="header-level"> · {recognition.levelName}</span>
    </a>
  );
}
