import { expect } from '@open-wc/testing';
import { keptInstanceId, type InstanceIdStorage } from './phone-instance-storage.ts';

const KEY = 'contactpad-sip-instance-00D-005000000000001AAA';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function memoryStorage(initial: Record<string, string> = {}): InstanceIdStorage & { readonly raw: Map<string, string> } {
  const raw = new Map(Object.entries(initial));
  return { raw, getItem: (key) => raw.get(key) ?? null, setItem: (key, value) => void raw.set(key, value) };
}

describe("the browser's SIP instance id, kept per agent", () => {
  it('is made once and read back by every later page of the agent', () => {
    const storage = memoryStorage();
    const first = keptInstanceId(storage, KEY);
    expect(first).to.match(UUID);
    expect(keptInstanceId(storage, KEY), 'a reload, another tab').to.equal(first);
    expect(keptInstanceId(storage, 'contactpad-sip-instance-00D-005000000000002AAA'), 'another agent').to.not.equal(first);
  });

  it('replaces a kept value that is no UUID (edited or damaged)', () => {
    const storage = memoryStorage({ [KEY]: '<urn:uuid:not-one>' });
    const id = keptInstanceId(storage, KEY);
    expect(id).to.match(UUID);
    expect(storage.raw.get(KEY)).to.equal(id);
  });

  it('gives a new id for this page when storage is blocked or full', () => {
    const blocked: InstanceIdStorage = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(keptInstanceId(blocked, KEY)).to.match(UUID);
    expect(keptInstanceId(undefined, KEY)).to.match(UUID);
  });

  it('sends none where no UUID can be made (crypto.randomUUID outside a secure context), and keeps nothing', () => {
    const storage = memoryStorage();
    const none = keptInstanceId(storage, KEY, () => {
      throw new TypeError('crypto.randomUUID is not a function');
    });
    expect(none).to.equal(undefined);
    expect(storage.raw.size).to.equal(0);
  });
});
