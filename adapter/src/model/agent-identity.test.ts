import { expect } from '@open-wc/testing';
import { NO_AGENT, readAgentIdentity } from './agent-identity.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('the agent as the host page hands it over', () => {
  it('reads the user, profile and SIP user from the Visualforce page\'s merge fields', () => {
    const { agent, problems } = readAgentIdentity({ userId: '005000000000001AAA', profileId: '00e000000000001AAA', sipUser: ' agent1 ' });
    expect(agent).to.deep.equal({ userId: '005000000000001AAA', profileId: '00e000000000001AAA', sipUser: 'agent1' });
    expect(problems).to.deep.equal([]);
    expect(Object.isFrozen(agent)).to.equal(true);
  });

  it('says the admin must fill the ContactPad SIP User field when the agent has none (calls cannot ring)', () => {
    for (const raw of [undefined, null, 'agent1', {}, { userId: '005000000000001AAA', sipUser: '' }, { sipUser: '   ' }]) {
      const { agent, problems } = readAgentIdentity(raw);
      expect(agent.sipUser).to.equal('');
      expect(problems).to.have.length(1);
      expect(problems[0]).to.contain('ContactPad SIP User field');
    }
  });

  it('refuses a SIP address where the user part belongs, with a hint, and ids of other objects', () => {
    const { agent, problems } = readAgentIdentity({ userId: '003000000000001AAA', profileId: "00e'; DROP", sipUser: 'sip:agent1@sip.example.com' });
    expect(agent).to.deep.equal(NO_AGENT);
    expect(problems[0]).to.contain('not a SIP user name').and.contain('only the user part');
  });
});
