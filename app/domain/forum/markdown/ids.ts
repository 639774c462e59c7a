/** Shapes of the things a post can point at. Post and thread ids are opaque to this module. */
export const HANDLE = /^[a-z0-9-]{1,40}$/;
export const OPAQUE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const isHandle = (value: string | undefined): value is string => value !== undefined && HANDLE.test(value);
export const isOpaqueId = (value: string | undefined): value is string =>
  value !== undefined && OPAQUE_ID.test(value);

export const profilePath = (handle: string) => `/u/${handle}`;
export const postPath = (postId: string) => `/p/${postId}`;
