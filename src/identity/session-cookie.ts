/**
 * The session cookie's name. `__Host-`: Secure, Path=/, no Domain — the browser binds it to exactly
 * this origin. The handlers set, read and clear it (routes.ts); the OpenAPI document names it.
 */
export const SESSION_COOKIE = '__Host-session';
