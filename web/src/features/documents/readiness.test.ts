import { describe, expect, it } from 'vitest';
import { allMissing, blockedKinds, inReadingOrder, missingFor, requisiteErrors, staleClient, type Readiness } from './readiness';

const prospect: Readiness = {
  deal_id: 96,
  client_id: null,
  missing: {
    contract: { client: ['legal_name', 'inn', 'ogrn', 'legal_address', 'bank_name', 'bik', 'bank_account', 'correspondent_account', 'kpp'], agency: ['director'] },
    invoice: { client: ['legal_name', 'inn', 'legal_address', 'kpp'], agency: [] },
    act: { client: [], agency: [] },
  },
};

describe('requisites before sharing', () => {
  it('say which kinds may not be shared and what each lacks', () => {
    expect(missingFor(prospect, 'proposal')).toBeNull();
    expect(missingFor(prospect, 'act')).toBeNull();
    expect(missingFor(prospect, 'invoice')).toEqual({ client: ['legal_name', 'inn', 'legal_address', 'kpp'], agency: [] });
    expect(missingFor(null, 'contract')).toBeNull();
    expect(blockedKinds(prospect).map((b) => b.kind)).toEqual(['contract', 'invoice']);
  });
  it('list every field a party lacks once', () => {
    expect(allMissing(prospect, 'client')).toEqual(['legal_name', 'inn', 'ogrn', 'legal_address', 'bank_name', 'bik', 'bank_account', 'correspondent_account', 'kpp']);
    expect(allMissing(prospect, 'agency')).toEqual(['director']);
    expect(allMissing(undefined, 'agency')).toEqual([]);
  });
  it('split a refused share by party', () => {
    expect(requisiteErrors({ 'client.inn': 'is required before the document is shared', 'agency.director': 'x', expires_at: 'must be in the future' })).toEqual({
      client: ['inn'],
      agency: ['director'],
      other: [['expires_at', 'must be in the future']],
    });
  });
  it("find a document made before the deal's client was attached", () => {
    const attached = { ...prospect, client_id: 7 };
    expect(staleClient({ kind: 'contract', client_id: null, status: 'draft' }, attached)).toBe(7);
    expect(staleClient({ kind: 'contract', client_id: 7, status: 'draft' }, attached)).toBeNull();
    expect(staleClient({ kind: 'proposal', client_id: null, status: 'draft' }, attached)).toBeNull();
    expect(staleClient({ kind: 'invoice', client_id: null, status: 'revoked' }, attached)).toBeNull();
    expect(staleClient({ kind: 'invoice', client_id: null, status: 'draft' }, prospect)).toBeNull();
  });
  it('read in the order of a requisites block', () => {
    expect(inReadingOrder(['bank_account', 'bank_name', 'bik', 'correspondent_account', 'inn', 'kpp', 'legal_address', 'legal_name', 'ogrn', 'x'])).toEqual([
      'legal_name', 'inn', 'kpp', 'ogrn', 'legal_address', 'bank_name', 'bik', 'bank_account', 'correspondent_account', 'x',
    ]);
  });
});
