import { ActionTable, actionIdOf, mappedAction, NO_ACTION_ID } from '../../src/core/action-table';
import type { MappedAction } from '../../src/core/model';

describe('action ids', () => {
  it('gives one action string the same id wherever its MappedAction is made', () => {
    const a = mappedAction('iam:AttachRolePolicy', 'iam', 'Permissions management', true);
    const b = mappedAction(['iam', 'AttachRolePolicy'].join(':'), 'iam', 'Permissions management', true);
    expect(a).not.toBe(b);
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(actionIdOf('iam:AttachRolePolicy'));
    expect(mappedAction('iam:DetachRolePolicy', 'iam', 'Permissions management', true).id).not.toBe(a.id);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('ActionTable', () => {
  const action = (name: string): MappedAction => mappedAction(name, name.split(':')[0], 'Write', true);

  it('keeps a value per action, found from any MappedAction of that action', () => {
    const table = new ActionTable<string>();
    const put = action('s3:PutObject');
    expect(table.get(put)).toBeUndefined();
    table.set(put, 'put');
    table.set(action('s3:DeleteObject'), 'delete');
    expect(table.get(action('s3:PutObject'))).toBe('put');
    expect(table.get(action('s3:DeleteObject'))).toBe('delete');
    expect(table.get(action('s3:GetObject'))).toBeUndefined();
  });

  it('finds an action with no id (past the process limit) by its name instead', () => {
    const table = new ActionTable<number>();
    const overflow: MappedAction = { ...action('madeup:Thing1'), id: NO_ACTION_ID };
    table.set(overflow, 1);
    expect(table.get({ ...overflow })).toBe(1);
    expect(table.get({ ...action('madeup:Thing2'), id: NO_ACTION_ID })).toBeUndefined();
    // The id-less entry does not leak into the id-indexed part.
    expect(table.get(action('madeup:Thing1'))).toBeUndefined();
  });
});
