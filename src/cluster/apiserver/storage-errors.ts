// Storage errors the registry does not translate (etcd's "database space exceeded") reach the
// client the way responsewriters.ErrorToAPIStatus turns any non-Status error into one: code 500,
// no reason, the error text as the message. kubectl prints `Error from server: <message>`.
import { StatusError } from '../../api/status';

export function unconvertedStorageError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
}
