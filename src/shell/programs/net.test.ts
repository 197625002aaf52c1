// curl's request body: -d/--data/--data-binary/--data-raw, inline and from @file.
import { describe, expect, it } from 'vitest';
import { coreutils } from '../programs';
import { makeShell } from '../testing';
import { curlProgram, type HostNet } from './net';

function setup() {
  const seen: { method: string; headers: Record<string, string>; body?: string }[] = [];
  const net: HostNet = {
    request: async (_url, o) => {
      seen.push(o);
      return { status: 200, headers: {}, body: 'ok\n' };
    },
  };
  const programs = coreutils();
  programs.set('curl', curlProgram(net));
  const s = makeShell({ programs });
  s.fs.writeFile('/root/body.json', '{\n  "a": 1\n}\n');
  return { ...s, seen };
}

describe('curl -d', () => {
  it('sends an inline body as a form POST', async () => {
    const { run, seen } = setup();
    expect((await run('curl -d a=1 -d b=2 http://x/')).out).toBe('ok\n');
    expect(seen[0]).toMatchObject({ method: 'POST', body: 'a=1&b=2', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  });

  it('reads @file from the workspace: -d strips newlines, --data-binary keeps them', async () => {
    const { run, seen } = setup();
    await run(`curl -H 'Content-Type: application/json' -d @body.json http://x/`);
    expect(seen[0].body).toBe('{  "a": 1}');
    expect(seen[0].headers['Content-Type']).toBe('application/json');
    await run('curl --data-binary @/root/body.json http://x/');
    expect(seen[1].body).toBe('{\n  "a": 1\n}\n');
    await run('curl -d@body.json http://x/');
    expect(seen[2].body).toBe('{  "a": 1}');
  });

  it('--data-raw keeps the @, @- reads stdin, a missing file warns and posts nothing', async () => {
    const { run, seen } = setup();
    await run('curl --data-raw @body.json http://x/');
    expect(seen[0].body).toBe('@body.json');
    await run('echo hello | curl --data-binary @- http://x/');
    expect(seen[1].body).toBe('hello\n');
    const r = await run('curl -d @nope.json http://x/');
    expect(r.err).toBe('Warning: Couldn\'t read data from file "nope.json", this makes an empty \nWarning: POST.\n');
    expect(seen[2]).toMatchObject({ method: 'POST', body: '' });
  });
});
