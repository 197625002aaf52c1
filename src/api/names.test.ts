import { describe, expect, it } from 'vitest';
import {
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidIP,
  isValidIPv4Address,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
  regexError,
  validateNamespaceName,
  validatePathSegmentName,
} from './names';

const LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('regexError', () => {
  it('keeps the double space between examples', () => {
    expect(regexError('m', 'f', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 'f')");
    expect(regexError('m', 'f')).toBe("m (regex used for validation is 'f')");
  });
});

describe('DNS names', () => {
  it('accepts valid labels and subdomains', () => {
    expect(isDNS1123Label('my-name')).toEqual([]);
    expect(isDNS1123Label('123-abc')).toEqual([]);
    expect(isDNS1123Subdomain('example.com')).toEqual([]);
    expect(isDNS1123Subdomain('a.b-c.d')).toEqual([]);
    expect(isDNS1035Label('abc-123')).toEqual([]);
  });

  it('rejects bad labels with the exact text', () => {
    expect(isDNS1123Label('My_Name')).toEqual([LABEL_ERR]);
    expect(isDNS1123Label('a.b')).toEqual([LABEL_ERR]);
    expect(isDNS1123Label('-a')).toEqual([LABEL_ERR]);
    expect(isDNS1123Label('')).toEqual([LABEL_ERR]);
    expect(isDNS1123Subdomain('Foo')).toEqual([SUBDOMAIN_ERR]);
    expect(isDNS1123Subdomain('a..b')).toEqual([SUBDOMAIN_ERR]);
    expect(isDNS1035Label('1abc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('reports length before format', () => {
    expect(isDNS1123Label('a'.repeat(63))).toEqual([]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    expect(isDNS1123Label('A'.repeat(64))).toEqual(['must be no more than 63 characters', LABEL_ERR]);
  });
});

describe('isQualifiedName', () => {
  it('accepts names with and without prefix', () => {
    for (const k of ['app', 'MyName', 'my.name', '123-abc', 'example.com/MyName', 'app.kubernetes.io/name', 'a_b']) {
      expect(isQualifiedName(k)).toEqual([]);
    }
  });

  it('explains each bad part', () => {
    const nameErr =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    expect(isQualifiedName('-app')).toEqual([nameErr]);
    expect(isQualifiedName('')).toEqual(['name part must be non-empty', nameErr]);
    expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Foo/a')).toEqual(['prefix part ' + SUBDOMAIN_ERR]);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

describe('isValidLabelValue', () => {
  it('allows empty and typical values', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('v1.2_3-x')).toEqual([]);
  });
  it('rejects bad values', () => {
    const err =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    expect(isValidLabelValue('bad value')).toEqual([err]);
    expect(isValidLabelValue('x-')).toEqual([err]);
    expect(isValidLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('ports, IPs, identifiers', () => {
  it('port numbers', () => {
    expect(isValidPortNum(80)).toEqual([]);
    expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(65536)).toEqual(['must be between 1 and 65535, inclusive']);
  });

  it('port names', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('h2c-8080')).toEqual([]);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('-a--b-')).toEqual(['must not contain consecutive hyphens', 'must not begin or end with a hyphen']);
    expect(isValidPortName('HTTP')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must contain at least one letter (a-z)',
    ]);
    expect(isValidPortName('abcdefghijklmnop')).toEqual(['must be no more than 15 characters']);
    expect(isValidPortName('')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must contain at least one letter (a-z)',
    ]);
  });

  it('IP addresses', () => {
    for (const ip of ['10.9.8.7', '0.0.0.0', '010.1.1.1', '2001:db8::ffff', '::', '::1', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8']) {
      expect(isValidIP(ip), ip).toEqual([]);
    }
    for (const ip of ['256.1.1.1', '1.2.3', 'a.b.c.d', '', '1:2:3:4:5:6:7:8:9', '1::2::3', 'localhost']) {
      expect(isValidIP(ip), ip).toEqual(['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    }
    expect(isValidIPv4Address('::1')).toEqual(['must be a valid IPv4 address']);
  });

  it('C identifiers and percents', () => {
    expect(isCIdentifier('_MY_VAR1')).toEqual([]);
    expect(isCIdentifier('1x')).toEqual([
      "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')",
    ]);
    expect(isValidPercent('25%')).toEqual([]);
    expect(isValidPercent('2.5%')).toHaveLength(1);
  });
});

describe('env var names and config keys', () => {
  it('strict env var names', () => {
    expect(isEnvVarName('MY_ENV.NAME')).toEqual([]);
    expect(isEnvVarName('1X')).toEqual([
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
    expect(isEnvVarName('..')).toEqual(["must not be '..'"]);
    expect(isEnvVarName('..x')).toEqual(["must not start with '..'"]);
  });

  it('relaxed env var names', () => {
    expect(isRelaxedEnvVarName('1 weird:name!')).toEqual([]);
    expect(isRelaxedEnvVarName('A=B')).toEqual([
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
    expect(isRelaxedEnvVarName('é')).toHaveLength(1);
  });

  it('config map keys', () => {
    expect(isConfigMapKey('game.properties')).toEqual([]);
    expect(isConfigMapKey('a/b')).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(isConfigMapKey('.')).toEqual(["must not be '.'"]);
  });
});

describe('path segments and name funcs', () => {
  it('path segment names', () => {
    expect(isValidPathSegmentName('ok.name')).toEqual([]);
    expect(isValidPathSegmentName('..')).toEqual(["may not be '..'"]);
    expect(isValidPathSegmentName('a/b%c')).toEqual(["may not contain '/'", "may not contain '%'"]);
    expect(validatePathSegmentName('.', true)).toEqual([]);
  });

  it('generateName prefixes may end with a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN_ERR]);
    expect(validateNamespaceName('kube-system', false)).toEqual([]);
    expect(validateNamespaceName('a.b', false)).toEqual([LABEL_ERR]);
  });
});
