import type { Middleware } from "../middleware.js";
import { applySecurityHeaders } from "../security-headers.js";

/** Puts the security headers on every answer that follows, whichever middleware gives it. */
export const securityHeaders: Middleware = (_req, res, next) => {
  applySecurityHeaders(res);
  next();
};
