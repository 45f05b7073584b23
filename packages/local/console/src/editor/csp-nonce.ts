/**
 * The style nonce of this page's Content-Security-Policy: the server writes a fresh one into
 * `<meta name="csp-nonce">` and into the policy of each response (src/console). The code
 * editor marks the `<style>` elements it makes with it; nothing else of the page needs it.
 */
export function cspNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name=csp-nonce]')?.content;
  return content && content !== '__CSP_NONCE__' ? content : undefined;
}
