// ServiceAccounts: ValidateServiceAccount is ObjectMeta only (DNS-1123 subdomain names, checked by
// the generic layer); updates may create.
import type { Strategy } from '../types';

export const serviceAccountStrategy: Strategy = {
  allowCreateOnUpdate: true,
};
