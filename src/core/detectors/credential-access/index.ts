import type { Detector } from '../detector';
import { decryptedParameter } from './decrypted-parameter';
import { instanceUserData } from './instance-user-data';
import { passwordData } from './password-data';
import { secretBurst } from './secret-burst';
import { secretValue } from './secret-value';
import { temporaryCredentials } from './temporary-credentials';

export const credentialAccessDetectors: readonly Detector[] = [
  secretValue,
  secretBurst,
  decryptedParameter,
  passwordData,
  instanceUserData,
  temporaryCredentials,
];
