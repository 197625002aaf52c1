// kubectl's error texts and exit codes, which come from the server's Status objects.
import { kubectlCase, kubectlSuite } from './harness';

kubectlSuite('kubectl errors', {}, (ctx) => {
  kubectlCase(ctx, 'get of a missing pod is NotFound, exit 1', ['get', 'pod', 'nothere'], {
    code: 1,
    stdout: '',
    stderr: { golden: 'get-missing.stderr' },
  });

  kubectlCase(ctx, 'an unknown resource type', ['get', 'foo'], {
    code: 1,
    stdout: '',
    stderr: 'error: the server doesn\'t have a resource type "foo"\n',
  });

  kubectlCase(ctx, 'get in a namespace that does not exist lists nothing', ['get', 'pods', '-n', 'nope'], {
    stdout: '',
    stderr: 'No resources found in nope namespace.\n',
  });

  // TODO(lead): AlreadyExists on create -f, Invalid (422) texts, strict decoding errors,
  // Conflict, protobuf create (415 -> kubectl's message) until protobuf is decoded.
});
