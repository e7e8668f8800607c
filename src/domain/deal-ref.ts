/** A deal's reference as its cards show it and people type it: "D-" and eight hex digits. */
export const DEAL_REF = /^D-[0-9A-F]{8}$/i;

/** The short reference a deal card shows and a seller can type: "D-" and the id's first eight hex digits. */
export function dealRef(dealId: string): string {
  return `D-${dealId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** The path of a deal's link, "/deals/D-1A2B3C4D": what a card's "Copy link" gives and a pasted link unfurls from. */
export function dealLinkPath(dealId: string): string {
  return `/deals/${dealRef(dealId)}`;
}

const LINK_PATH = /^\/deals\/(D-[0-9A-F]{8})\/?$/i;

/** The reference a deal link names, whatever its host (Teams sends only the domains the manifest lists); undefined for any other URL. */
export function refOfDealLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return LINK_PATH.exec(parsed.pathname)?.[1]?.toUpperCase();
}
