/**
 * What every HTML page the bot serves is sent with: the pages hold text and one link, so nothing may load,
 * run or frame them (CSP), no browser may read them as anything but HTML (nosniff), no other site may
 * put them in a frame (for browsers that predate frame-ancestors), and no referrer leaves with a click.
 */
export const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;
