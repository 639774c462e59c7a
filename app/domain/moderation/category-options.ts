/** Council spaces are made by the council feature (with their council); admins choose among these. */
export const adminVisibilities = ["public", "members", "staff"] as const;
export const audiences = ["members", "staff"] as const;
