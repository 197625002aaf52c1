// HorizontalPodAutoscalers in both served versions and service-account tokens, with the real
// kubectl: `autoscale` POSTs autoscaling/v1 (a server without it answers 404, and kubectl does
// not fall back), reads through v1 and v2 of one stored object, `describe hpa`, and
// `create token` over the serviceaccounts/token subresource with its errors.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { check, kubectlCase, kubectlSuite } from './harness';

kubectlSuite('kubectl autoscale and create token', {}, (ctx) => {
  it('autoscale POSTs the autoscaling/v1 object', async () => {
    check(await ctx.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']), { stdout: 'deployment.apps/web created\n', stderr: '' });
    ctx.requests();
    check(await ctx.kubectl(['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80']), { stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', stderr: '' });
    const posts = ctx.requests().filter((l) => l.startsWith('POST '));
    assert.deepEqual(posts.map((l) => l.split(' ')[1].split('?')[0]), ['/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers']);
  });

  kubectlCase(ctx, 'get hpa: the v2 table, <unknown> without metrics', ['get', 'hpa'], {
    ages: true,
    stdout: 'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\nweb    Deployment/web   cpu: <unknown>/80%   2         5         0          <age>\n',
    stderr: '',
  });

  kubectlCase(ctx, 'the full name with a version reads autoscaling/v1', ['get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage} {.spec.minReplicas}-{.spec.maxReplicas}'], {
    stdout: 'autoscaling/v1 80 2-5',
    stderr: '',
  });

  it('a short name keeps only its group: hpa.v1.autoscaling reads the preferred autoscaling/v2', async () => {
    ctx.requests();
    check(await ctx.kubectl(['get', 'hpa.v1.autoscaling', 'web', '-o', 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}']), { stdout: 'autoscaling/v2 80', stderr: '' });
    assert.ok(ctx.requests().some((l) => l.startsWith('GET /apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web')));
  });

  kubectlCase(ctx, 'describe hpa', ['describe', 'hpa', 'web'], {
    stdout: new RegExp(
      [
        '^Name: +web',
        'Namespace: +default',
        'Labels: +<none>',
        'Annotations: +<none>',
        'CreationTimestamp: +\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000',
        'Reference: +Deployment/web',
        'Metrics: +\\( current / target \\)',
        '  resource cpu on pods  \\(as a percentage of request\\): +<unknown> / 80%',
        'Min replicas: +2',
        'Max replicas: +5',
        'Deployment pods: +0 current / 0 desired',
        'Events: +<none>\\n$',
      ].join('\\n'),
    ),
    stderr: '',
  });

  kubectlCase(ctx, 'autoscale of an autoscaled deployment: AlreadyExists', ['autoscale', 'deployment', 'web', '--max=5'], {
    code: 1,
    stdout: '',
    stderr: 'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n',
  });

  kubectlCase(ctx, 'create token prints the JWT alone, without a newline', ['create', 'token', 'default'], {
    stdout: /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/,
    stderr: '',
  });

  kubectlCase(ctx, 'create token -o name: a TokenRequest has no name', ['create', 'token', 'default', '-o', 'name'], {
    stdout: 'tokenrequest.authentication.k8s.io/<unknown>\n',
    stderr: '',
  });

  kubectlCase(ctx, 'create token for a missing service account', ['create', 'token', 'nope'], {
    code: 1,
    stdout: '',
    stderr: 'error: failed to create token: serviceaccounts "nope" not found\n',
  });

  kubectlCase(ctx, 'create token with a duration under ten minutes', ['create', 'token', 'default', '--duration=10s'], {
    code: 1,
    stdout: '',
    stderr: 'error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes\n',
  });

  kubectlCase(ctx, 'create token bound to a missing pod', ['create', 'token', 'default', '--bound-object-kind=Pod', '--bound-object-name=x'], {
    code: 1,
    stdout: '',
    stderr: 'error: failed to create token: pods "x" not found\n',
  });
});
