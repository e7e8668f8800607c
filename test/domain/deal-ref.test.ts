import assert from 'node:assert/strict';
import { DEAL_REF, dealLinkPath, dealRef, refOfDealLink } from '../../src/domain/deal-ref.js';

describe('deal references and links', () => {
  const id = '1a2b3c4d-0000-4000-8000-000000000000';

  it('shortens an id to D- and its first eight hex digits, in capitals', () => {
    assert.equal(dealRef(id), 'D-1A2B3C4D');
    assert.match(dealRef(id), DEAL_REF);
    assert.equal(dealLinkPath(id), '/deals/D-1A2B3C4D');
  });

  it('reads the reference from a deal link on any host, and nothing from any other URL', () => {
    assert.equal(refOfDealLink('https://dealbot.example/deals/d-1a2b3c4d'), 'D-1A2B3C4D');
    assert.equal(refOfDealLink('http://localhost:3978/deals/D-1A2B3C4D/'), 'D-1A2B3C4D');
    for (const other of ['https://x/deals/D-1A2B', 'https://x/other/D-1A2B3C4D', 'ftp://x/deals/D-1A2B3C4D', 'not a url']) {
      assert.equal(refOfDealLink(other), undefined, other);
    }
  });
});
