/** One element of an If-Match list: an entity-tag, weak or strong (RFC 9110, 8.8.3). */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/**
 * If-Match as RFC 9110 reads it: "*" matches anything (undefined); otherwise a comma-separated list of
 * entity-tags, compared strongly: the strong tags' values are returned, and a weak tag (W/"3") matches
 * nothing, so the request fails its precondition (412) rather than being refused as malformed.
 */
export function strongTagsOf(ifMatch: string): string[] | undefined | 'invalid' {
  if (ifMatch.trim() === '*') return undefined;
  const elements = ifMatch
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (elements.length === 0) return 'invalid';
  const tags: string[] = [];
  for (const element of elements) {
    const tag = ENTITY_TAG.exec(element);
    if (!tag) return 'invalid';
    if (!tag[1]) tags.push(tag[2]!);
  }
  return tags;
}
