import helmet, { type HelmetOptions } from 'helmet';

type Directives = NonNullable<Exclude<HelmetOptions['contentSecurityPolicy'], boolean | undefined>['directives']>;

/** Pages load only their own scripts, styles and images, and are framed by nobody. */
const OWN_CONTENT_ONLY: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  // TLS ends at the ingress; an app reached over plain HTTP inside the cluster must still load its own pages.
  upgradeInsecureRequests: null,
};

/**
 * Security headers for every answer of a service or the console, with a content security policy
 * that lets HTML load only its own content; `directives` adds to or widens that policy.
 */
export function securityHeaders(directives: Directives = {}, options: Pick<HelmetOptions, 'crossOriginResourcePolicy'> = {}) {
  return helmet({ contentSecurityPolicy: { directives: { ...OWN_CONTENT_ONLY, ...directives } }, ...options });
}
