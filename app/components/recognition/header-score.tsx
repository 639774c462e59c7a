import { useEffect, useState } from "react";
import { useSocketEvents } from "../../realtime/useSocket";

export interface HeaderRecognition {
  points: number;
  levelName: string;
  /** The profile row's version when it was read (recognition_profiles.version). */
  version: number;
}

interface Score {
  points: number;
  version: number;
}

/**
 * The signed-in person's score and level in the header. Loaded by the root loader, then moved
 * by the `recognition:toast` pushes that carry a new total. Whichever is newer wins, by the
 * profile version both carry: a page load that read the score just before a toast arrived must
 * not take the header back to the older total (decision 042).
 */
export function HeaderScore({ handle, recognition }: { handle: string; recognition: HeaderRecognition }) {
  const [score, setScore] = useState<Score>(recognition);
  useEffect(() => setScore((shown) => newer(shown, recognition)), [recognition]);
  useSocketEvents({
    "recognition:toast": (payload) => {
      const { total, version } = payload;
      if (typeof total === "number") setScore((shown) => newer(shown, { points: total, version: version ?? shown.version }));
    },
  });
  return (
    <a href={`/u/${handle}/recognition`} className="header-score" data-testid="header-score" title="Your recognition">
      <span aria-hidden="true">★</span>
      <span className="header-points">{score.points}</span> points
      <span className="header-level"> · {recognition.levelName}</span>
    </a>
  );
}

/** Ties go to the arrival: toasts of one batch share a version and come in order. */
function newer(shown: Score, arrived: Score): Score {
  return arrived.version >= shown.version ? { points: arrived.points, version: arrived.version } : shown;
}
