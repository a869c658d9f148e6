import type { Detector } from '../detector';
import { federationToken } from './federation-token';
import { lambdaResourcePolicy } from './lambda-resource-policy';
import { loginProfile } from './login-profile';
import { longTermCredentials } from './long-term-credentials';
import { newRole } from './new-role';
import { newUser } from './new-user';
import { rolesAnywhere } from './roles-anywhere';
import { trustPolicyBackdoor } from './trust-policy-backdoor';

export const persistenceDetectors: readonly Detector[] = [
  newUser,
  newRole,
  loginProfile,
  longTermCredentials,
  trustPolicyBackdoor,
  lambdaResourcePolicy,
  rolesAnywhere,
  federationToken,
];
