import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { base32, chainHash, hex, sha256 } from './sha256';

describe('sha256 and kube-proxy chain names', () => {
  it('matches node:crypto', () => {
    for (const s of ['', 'abc', 'default/kubernetes:httpstcp', 'x'.repeat(55), 'y'.repeat(64), 'z'.repeat(200), 'héllo']) {
      expect(hex(sha256(s))).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });
  it('encodes base32 as Go StdEncoding', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI======');
  });
  it('gives the chain names real clusters show', () => {
    expect(chainHash('default/kubernetes:https' + 'tcp')).toBe('NPX46M4PTMTKRN6Y');
    expect(chainHash('kube-system/kube-dns:dns' + 'udp')).toBe('TCOU7JCQXEZGVUNU');
    expect(chainHash('kube-system/kube-dns:dns-tcp' + 'tcp')).toBe('ERIFXISQEP7F7OF4');
    expect(chainHash('kube-system/kube-dns:metrics' + 'tcp')).toBe('JD5MR3NA4I4DYORP');
  });
});
