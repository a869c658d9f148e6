import fc from 'fast-check';
import { IdentityReader, identityOf } from '../../../src/core/normalize/identity';

const ROLE = 'arn:aws:iam::111122223333:role/agents/ci-fixer';

function assumedRole(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEID:run-1',
    arn: 'arn:aws:sts::111122223333:assumed-role/ci-fixer/run-1',
    accountId: '111122223333',
    accessKeyId: 'ASIAEXAMPLEKEY000001',
    sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE, userName: 'ci-fixer' } },
    ...overrides,
  };
}

describe('IdentityReader', () => {
  it('hands out one object per session, and a new one as soon as any value differs', () => {
    const reader = new IdentityReader();
    const first = reader.read(assumedRole(), '111122223333');
    expect(first?.principalArn).toBe(ROLE);
    // A fresh but equal userIdentity (as JSON.parse makes one per record) gives the same object.
    expect(reader.read(assumedRole(), '111122223333')).toBe(first);

    const otherKey = reader.read(assumedRole({ accessKeyId: 'ASIAEXAMPLEKEY000002' }), '111122223333');
    expect(otherKey).not.toBe(first);
    expect(otherKey?.accessKeyId).toBe('ASIAEXAMPLEKEY000002');

    // Same caller seen in another account's trail: cross-account, so not the cached identity.
    const elsewhere = reader.read(assumedRole(), '444455556666');
    expect(elsewhere?.crossAccount).toBe(true);
    expect(first?.crossAccount).toBe(false);

    const withSource = reader.read(
      assumedRole({
        sessionContext: { sourceIdentity: 'alice', sessionIssuer: { arn: ROLE, userName: 'ci-fixer' } },
      }),
      '111122223333',
    );
    expect(withSource?.sourceIdentity).toBe('alice');
  });

  it('reads exactly what identityOf reads, whatever the input and the order it comes in', () => {
    const text = fc.constantFrom(
      undefined,
      '',
      'AssumedRole',
      'IAMUser',
      'AWSService',
      'FederatedUser',
      'Root',
      'AWSAccount',
      'Weird',
      '111122223333',
      '444455556666',
      'arn:aws:sts::111122223333:assumed-role/ci-fixer/run-1',
      'arn:aws:sts::111122223333:assumed-role/ci-fixer',
      'arn:aws:iam::111122223333:user/bob',
      ROLE,
      'ASIAEXAMPLEKEY000001',
      'ASIAEXAMPLEKEY000002',
      'lambda.amazonaws.com',
      'ci-fixer',
    );
    const userIdentity = fc.oneof(
      fc.record(
        {
          type: text,
          invokedBy: text,
          arn: text,
          accountId: text,
          accessKeyId: text,
          principalId: text,
          userName: text,
          sessionContext: fc.oneof(
            fc.constant(undefined),
            fc.record(
              {
                sourceIdentity: text,
                sessionIssuer: fc.record({ arn: text, userName: text }, { requiredKeys: [] }),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(userIdentity, text), { maxLength: 40 }), (inputs) => {
        const reader = new IdentityReader();
        for (const [ui, recipient] of inputs) {
          // Twice: the second read is served from the cache when the first built an identity.
          expect(reader.read(ui, recipient)).toEqual(identityOf(ui, recipient));
          expect(reader.read(JSON.parse(JSON.stringify(ui ?? null)) as unknown, recipient)).toEqual(
            identityOf(ui === undefined ? null : JSON.parse(JSON.stringify(ui)), recipient),
          );
        }
      }),
    );
  });
});
