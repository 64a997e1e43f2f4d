import { checkActorProof, withActorProof } from '../../../services/cases/actor-proof';

const KEY = 'unit-test-workflow-action-key-0123456789';
const target = { workflowId: 'case-1', message: 'caseActionUpdate' };
const cancel = {
  action: 'cancel',
  actor: { id: 'u1', name: 'Clerk', role: 'CLERK', unitCode: null },
  input: { note: 'duplikat' },
};
/** What the worker sees: the argument after the payload converter's JSON round trip. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the API’s proof of who acts in a workflow message', () => {
  it('vouches for an argument the worker then accepts', () => {
    const vouched = overTheWire(withActorProof(KEY, target, cancel));
    expect(vouched).toMatchObject(cancel);
    expect(checkActorProof(KEY, target, vouched)).toEqual({ vouched: true });
  });

  it('refuses an argument without a proof, or with a proof the caller brought itself', () => {
    expect(checkActorProof(KEY, target, cancel)).toEqual({ vouched: false, reason: 'no proof' });
    const forged = { ...cancel, actorProof: { issuedAt: new Date().toISOString(), mac: 'AAAA' } };
    expect(checkActorProof(KEY, target, forged)).toEqual({
      vouched: false,
      reason: 'the proof does not match the message',
    });
    // A proof that arrives with the argument is replaced by the API's own, not passed on.
    expect(withActorProof(KEY, target, forged).actorProof).not.toEqual(forged.actorProof);
  });

  it('refuses a proof once anything it covers changes: actor, fields, workflow, message or key', () => {
    const vouched = overTheWire(withActorProof(KEY, target, cancel));
    const asAdmin = { ...vouched, actor: { ...vouched.actor, role: 'ADMIN' } };
    expect(checkActorProof(KEY, target, asAdmin).vouched).toBe(false);
    expect(checkActorProof(KEY, target, { ...vouched, input: { note: 'inna' } }).vouched).toBe(false);
    expect(checkActorProof(KEY, { ...target, workflowId: 'case-2' }, vouched).vouched).toBe(false);
    expect(checkActorProof(KEY, { ...target, message: 'residentMessageSignal' }, vouched).vouched).toBe(
      false,
    );
    expect(checkActorProof(`${KEY}-other`, target, vouched).vouched).toBe(false);
    const later = { ...vouched, actorProof: { ...vouched.actorProof!, issuedAt: new Date(0).toISOString() } };
    expect(checkActorProof(KEY, target, later).vouched).toBe(false);
  });

  it('refuses what is not an object argument', () => {
    expect(checkActorProof(KEY, target, 'cancel').vouched).toBe(false);
    expect(checkActorProof(KEY, target, [cancel]).vouched).toBe(false);
  });
});
