// version and discovery: what every other command stands on.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { check, golden, kubectlCase, kubectlSuite } from './harness';

kubectlSuite('kubectl version and discovery', {}, (ctx) => {
  kubectlCase(ctx, 'version prints client, kustomize and server versions', ['version'], {
    stdout: /^Client Version: v1\.32\.\d+\nKustomize Version: v5\.\d+\.\d+\nServer Version: v1\.32\.0\n$/,
    stderr: '',
  });

  it('discovery is aggregated: a command needs only GET /api and GET /apis', async () => {
    ctx.requests();
    check(await ctx.kubectl(['api-resources']), { stdout: { golden: 'api-resources.stdout' }, stderr: '' });
    const paths = ctx.requests().map((l) => l.split(' ')[1].split('?')[0]);
    // A plain application/json Content-Type would make client-go fall back to /api/v1, /apis/apps/v1...
    assert.deepEqual([...new Set(paths)].sort(), ['/api', '/apis']);
  });

  kubectlCase(ctx, 'api-resources matches the v1.32 golden', ['api-resources'], {
    stdout: { golden: 'api-resources.stdout' },
    stderr: '',
  });

  it('api-versions lists every group version api-resources shows, sorted', async () => {
    const r = await ctx.kubectl(['api-versions']);
    check(r, { stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines, [...lines].sort(), 'sorted');
    for (const l of lines) assert.match(l, /^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/);
    const shown = new Set(
      golden('api-resources.stdout')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(/\s+/).find((w) => /^([a-z0-9.-]+\/)?v\d+$/.test(w))!),
    );
    for (const gv of shown) assert.ok(lines.includes(gv), `api-versions lacks ${gv}:\n${r.stdout}`);
  });

  it('explain pod.spec.containers prints KIND/VERSION, FIELD, DESCRIPTION and FIELDS from OpenAPI v3', async () => {
    ctx.requests();
    const r = await ctx.kubectl(['explain', 'pod.spec.containers']);
    check(r, {
      stdout: /^KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <\[\]Container>\n\n\nDESCRIPTION:\n    List of containers belonging to the pod\. [\s\S]*\nFIELDS:\n  args\t<\[\]string>\n[\s\S]*\n  image\t<string>\n[\s\S]*\n  name\t<string> -required-\n/,
      stderr: '',
    });
    const paths = ctx.requests().map((l) => l.split(' ')[1]);
    assert.ok(paths.includes('/openapi/v3?timeout=32s'), paths.join('\n'));
    assert.ok(paths.some((p) => p.startsWith('/openapi/v3/api/v1?hash=')), paths.join('\n'));
  });

  kubectlCase(ctx, 'explain of an unknown field', ['explain', 'pod.spec.nope'], {
    code: 1,
    // kubectl's explain template prints the header before it walks the path.
    stdout: 'KIND:       Pod\nVERSION:    v1\n\n',
    stderr: 'error: field "nope" does not exist\n',
  });
});
