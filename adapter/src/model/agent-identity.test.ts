import { expect } from '@open-wc/testing';
import { NO_AGENT, readAgentIdentity, salesforceLocaleTag } from './agent-identity.ts';

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

  it("reads the agent's Salesforce language and locale (LanguageLocaleKey, LocaleSidKey) as BCP 47 tags", () => {
    const { language, problems } = readAgentIdentity({ userId: '005000000000001AAA', sipUser: 'agent1', language: 'es', locale: ' es_ES ' });
    expect(language).to.deep.equal({ language: 'es', locale: 'es-ES' });
    expect(problems).to.deep.equal([]);
    expect(['en_US', 'es_MX', 'pt_BR', 'zh_CN_PINYIN', 'de_DE_EURO', 'sr_Latn_RS', 'es_419'].map(salesforceLocaleTag)).to.deep.equal([
      'en-US',
      'es-MX',
      'pt-BR',
      'zh-CN',
      'de-DE',
      'sr-Latn-RS',
      'es-419',
    ]);
  });

  it('takes a missing or malformed language or locale as none (English), never as a failure', () => {
    for (const value of [undefined, null, 42, {}, '', '   ', 'Spanish', "es'; alert(1)", 'e', 'es-ES', 'es__ES', 'es_', '_ES', 'es_E$', 'toolongvalue_ES']) {
      const { language, problems } = readAgentIdentity({ sipUser: 'agent1', language: value, locale: value });
      expect(language, String(value)).to.deep.equal({ language: '', locale: '' });
      expect(problems).to.deep.equal([]);
    }
  });
});
