import { uploadPath } from "../domain/uploads/limits";

export interface AvatarUser {
  displayName: string;
  /** The person's avatar upload, if they have one (see avatarIdColumn / avatarIdsOf). */
  avatarId?: string | null;
}

/** The person's picture, or their initials. Decorative: the name always stands beside it. */
export function Avatar({ user, size = "small" }: { user: AvatarUser; size?: "small" | "large" }) {
  const className = size === "large" ? "avatar avatar-large" : "avatar";
  if (user.avatarId) {
    const pixels = size === "large" ? 64 : 32;
    return (
      <img
        className={className}
        src={uploadPath(user.avatarId)}
        alt=""
        width={pixels}
        height={pixels}
        loading="lazy"
        decoding="async"
        style={{ objectFit: "cover" }}
      />
    );
  }
  return (
    <span className={className} aria-hidden="true">
      {initials(user.displayName)}
    </span>
  );
}

export function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}
