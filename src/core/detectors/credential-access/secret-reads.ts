/** What a secret-reading call names: secrets, decrypted parameters, or a batch filter. */
import type { LeashEvent } from '../../model';
import { isTrue, stringAt, stringsOf } from '../privilege-escalation/request-fields';

export const SECRETS_MANAGER_READS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
] as const;
export const PARAMETER_READS = [
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
] as const;

const PARAMETER_READ_SET: ReadonlySet<string> = new Set(PARAMETER_READS);

export interface SecretRead {
  /** Secret ids or parameter names/paths, as the request gives them. */
  readonly names: readonly string[];
  /** Batch reads by filter (`BatchGetSecretValue filters`): how many secrets is unknown, maybe all. */
  readonly byFilter: boolean;
  /** For SSM: the values came back decrypted. Secrets Manager values always do. */
  readonly decrypted: boolean;
}

export function isParameterRead(event: LeashEvent): boolean {
  return PARAMETER_READ_SET.has(event.action.action);
}

export function secretReadOf(event: LeashEvent): SecretRead {
  const params = event.requestParameters;
  if (isParameterRead(event)) {
    const names = [...stringsOf(params.name), ...stringsOf(params.names), ...stringsOf(params.path)];
    return { names, byFilter: false, decrypted: isTrue(params.withDecryption) };
  }
  const names = [...stringsOf(params.secretId), ...stringsOf(params.secretIdList)];
  const byFilter = names.length === 0 && params.filters !== undefined && params.filters !== null;
  return { names, byFilter, decrypted: true };
}

/** The value a filter read is counted under in a window: the filter as logged. */
export function filterKey(event: LeashEvent): string {
  return `filter:${stringAt(event.requestParameters, 'filters') ?? JSON.stringify(event.requestParameters.filters)}`;
}
