/**
 * Dialling out, with every room real (adapter/test-support/controller-rig.ts): what the agent
 * typed in the dial box is checked before the phone is asked to call.
 */
import { expect } from '@open-wc/testing';
import { startRig, stopRigs } from '../test-support/controller-rig.ts';

afterEach(async function () {
  this.timeout(30_000);
  await stopRigs();
});

describe('the controller dialling out', function () {
  this.timeout(60_000);

  it('an empty dial box is an input error (INVALID_INPUT, not a configuration error): nothing is dialled and the agent stays Ready', async () => {
    const rig = await startRig();
    const earlier = rig.controller.store.snapshot.notices.length;
    for (const number of ['', '   \t']) await rig.controller.handle({ type: 'dial', number });
    const snapshot = rig.controller.store.snapshot;
    expect(snapshot.notices.slice(earlier).map(({ code, message }) => ({ code, message }))).to.deep.equal([
      { code: 'INVALID_INPUT', message: 'Type a number to call.' },
      { code: 'INVALID_INPUT', message: 'Type a number to call.' },
    ]);
    expect(snapshot.interactions).to.deep.equal([]);
    expect(snapshot.agent.status).to.equal('ready');
    expect(snapshot.phone.state).to.equal('registered');
  });

  it('a bare name in the dial box is an input error too (neither a number nor a SIP address): nothing is dialled', async () => {
    const rig = await startRig();
    const earlier = rig.controller.store.snapshot.notices.length;
    await rig.controller.handle({ type: 'dial', number: 'jordan' });
    const snapshot = rig.controller.store.snapshot;
    expect(snapshot.notices.slice(earlier).map(({ code, message }) => ({ code, message }))).to.deep.equal([
      { code: 'INVALID_INPUT', message: 'Cannot dial "jordan": type a phone number or a SIP address (sip:user@domain).' },
    ]);
    expect(snapshot.interactions).to.deep.equal([]);
    expect(snapshot.agent.status).to.equal('ready');
  });

  it('dials a number typed with punctuation, in E.164 once the compliance check let it through: listed as outbound', async () => {
    const rig = await startRig();
    await rig.controller.handle({ type: 'dial', number: ' +1 (415) 555-0100 ' });
    const dialled = rig.controller.store.snapshot.interactions[0]?.interaction;
    expect(rig.controller.store.snapshot.notices.map((n) => n.code)).to.deep.equal([]);
    expect(dialled).to.include({ direction: 'outbound', callerNumber: '+14155550100', channel: 'voice' });
  });
});
