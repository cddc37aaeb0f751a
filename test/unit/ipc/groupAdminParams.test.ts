// The admin group methods' params (issue 17): limits in UTF-8 bytes, Session IDs, member counts.
import { IpcError } from '../../../ts/ipc/errors';
import { validateCall } from '../../../ts/ipc/validate';

const id = (n: number): string => `05${n.toString(16).padStart(64, '0')}`;
const gid = `03${'ab'.repeat(32)}`;

function rejected(method: string, params: unknown): string {
  try {
    validateCall(method, params);
  } catch (err) {
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).code).toBe('invalid_params');
    return (err as IpcError).message;
  }
  throw new Error('accepted');
}

describe('groups admin params', () => {
  it('create: name 1..100 bytes (trimmed), description up to 2000 bytes, at most 99 other members', () => {
    expect(validateCall('groups.create', { name: '  Team ', members: [id(1)] })).toEqual({ name: 'Team', members: [id(1)] });
    expect(validateCall('groups.create', { name: 'é'.repeat(50), members: [] })).toBeTruthy();
    expect(rejected('groups.create', { name: 'é'.repeat(51), members: [] })).toMatch(/at most 100 bytes/);
    expect(rejected('groups.create', { name: '   ', members: [] })).toMatch(/group name/);
    expect(rejected('groups.create', { name: 'x', description: 'ü'.repeat(1001), members: [] })).toMatch(/2000 bytes/);
    expect(rejected('groups.create', { name: 'x', members: Array.from({ length: 100 }, (_, i) => id(i)) })).toMatch(/at most 100 members/);
    expect(validateCall('groups.create', { name: 'x', members: Array.from({ length: 99 }, (_, i) => id(i)) })).toBeTruthy();
    expect(rejected('groups.create', { name: 'x', members: [gid] })).toMatch(/valid Session ID/);
  });

  it('invite / remove / promote take Session IDs; update needs a name or a description', () => {
    expect(validateCall('groups.invite', { id: gid, members: [id(2)], shareHistory: true })).toBeTruthy();
    expect(rejected('groups.invite', { id: gid, members: [] })).toMatch(/at least one/);
    expect(validateCall('groups.remove', { id: gid, members: [id(2)], deleteMessages: true })).toBeTruthy();
    expect(rejected('groups.promote', { id: gid, members: ['05zz'] })).toBeTruthy();
    expect(rejected('groups.update', { id: gid })).toMatch(/name or a description/);
    expect(validateCall('groups.update', { id: gid, description: '' })).toEqual({ id: gid, description: '' });
    expect(validateCall('groups.setAvatar', { id: gid, stageId: null })).toEqual({ id: gid, stageId: null });
    expect(validateCall('groups.destroy', { id: gid })).toEqual({ id: gid });
  });
});
