// Expected texts are what kubectl v1.32 printed for these probes (`describe pod`).
import { describe, expect, it } from 'vitest';
import { describeProbe } from './containers';

const line = (httpGet: Record<string, unknown>) => describeProbe({ httpGet, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }).replace(/ delay=.*/, '');

describe('http-get probe URLs (url.URL String())', () => {
  it('escapes the path as encodePath does: ? and everything outside the kept set', () => {
    expect(line({ path: '/healthz?x=1 a%b!*\'()é[]<>"#^`{}|\\&$+,;=:@~', port: 8080, scheme: 'HTTP' })).toBe(
      'http-get http://:8080/healthz%3Fx=1%20a%25b%21%2A%27%28%29%C3%A9%5B%5D%3C%3E%22%23%5E%60%7B%7D%7C%5C&$+,;=:@~',
    );
    expect(line({ path: '/readyz?verbose', port: 2381, host: '127.0.0.1', scheme: 'HTTP' })).toBe('http-get http://127.0.0.1:2381/readyz%3Fverbose');
  });

  it('joins an IPv6 host in brackets and escapes hosts as encodeHost does', () => {
    expect(line({ path: 'ready:x/y', port: 'http', host: '::1', scheme: 'HTTPS' })).toBe('http-get https://[::1]:http/ready:x/y');
    expect(line({ path: '/', port: 80, host: 'a b!$é', scheme: 'HTTP' })).toBe('http-get http://a%20b!$%C3%A9:80/');
  });

  it('keeps a lone * path and adds the slash a relative path needs after a host', () => {
    expect(line({ path: '*', port: 80, host: 'h', scheme: 'HTTP' })).toBe('http-get http://h:80/*');
    expect(line({ path: 'x', port: 80, scheme: 'HTTP' })).toBe('http-get http://:80/x');
  });
});
