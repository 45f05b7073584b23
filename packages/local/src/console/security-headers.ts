/**
 * The Content-Security-Policy of every console response: everything from this server only,
 * no inline script or style, no plug-ins, never framed (clickjacking), forms and `<base>`
 * pinned. The console needs nothing else: its script, styles and data are all served here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The console page's policy: as {@link CONTENT_SECURITY_POLICY}, plus the styles that carry
 * this response's `nonce` — the code editor (CodeMirror) writes its theme into `<style>`
 * elements, which it marks with the nonce the page hands it. No inline script either way.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
}

/** Headers of every console response (pages, scripts, API answers, the event stream). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
});
