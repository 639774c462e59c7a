import type { AuthorStanding } from "../../domain/recognition/author-standing.server";
import { BadgePill } from "./badge-pill";

/** Under an author's name on a post: their level and their most distinguished badges. */
export function AuthorStandingLine({ standing }: { standing: AuthorStanding }) {
  return (
    <p className="author-standing">
      <span className="badge">{standing.levelName}</span>
      {standing.badges.map((badge) => (
        <BadgePill key={`${badge.name}-${badge.tier ?? ""}`} name={badge.name} tier={badge.tier} />
      ))}
    </p>
  );
}
