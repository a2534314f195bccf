import { expect } from '@open-wc/testing';
import { isSpanish, useAgentLanguage, words } from './catalogue.ts';
import { en, type Catalogue } from './en.ts';
import { enLater, type LaterCatalogue } from './en-later.ts';
import { laterWords } from './later-words.ts';
import type { ErrorCode } from '../../../adapter/src/store.ts';

/** Every word of a catalogue by its path ("actions.accept"); a word with values is said with sample ones. */
function leaves(catalogue: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof catalogue === 'string') found.set(path, catalogue);
  else if (typeof catalogue === 'function') found.set(path, String((catalogue as (...args: unknown[]) => unknown)('SIP_SERVER_UNREACHABLE', 'English words', 'Sales')));
  else if (typeof catalogue === 'object' && catalogue !== null) {
    for (const [key, value] of Object.entries(catalogue)) for (const [leaf, text] of leaves(value, path ? `${path}.${key}` : key)) found.set(leaf, text);
  }
  return found;
}

async function spanish(): Promise<Catalogue & LaterCatalogue> {
  await useAgentLanguage({ language: 'es', locale: 'es-ES' });
  const catalogue = { ...words(), ...laterWords() };
  await useAgentLanguage({ language: '', locale: '' });
  return catalogue;
}

describe('the catalogue', () => {
  // First: nothing has asked for Spanish yet in this page.
  it("never fetches the Spanish words for an English agent's browser", async () => {
    await useAgentLanguage({ language: 'en-US', locale: 'en-US' });
    expect(words()).to.equal(en);
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.filter((name) => name.includes('/catalogue/es.ts'))).to.deep.equal([]);
  });

  it('speaks Spanish to agents whose Salesforce language is Spanish (es, es_MX...), English to every other', async () => {
    expect(['es', 'es-ES', 'es_MX', 'ES-419', ' es '].map(isSpanish)).to.deep.equal([true, true, true, true, true]);
    expect(['', 'en-US', 'pt-BR', 'est', 'e', 'fr_ES'].map(isSpanish)).to.deep.equal([false, false, false, false, false, false]);
    await useAgentLanguage({ language: 'es-MX', locale: '' });
    expect(words().language).to.equal('es');
    expect(words().actions.accept).to.equal('Aceptar');
    expect(laterWords().wrapUp.done).to.equal('Hecho');
    await useAgentLanguage({ language: 'de', locale: 'de-DE' });
    expect(words()).to.equal(en);
    expect(laterWords()).to.equal(enLater);
  });

  it('takes the language asked for last, even when an earlier one loads after it', async () => {
    const loading = useAgentLanguage({ language: 'es', locale: 'es-ES' });
    await useAgentLanguage({ language: 'en-US', locale: '' });
    await loading;
    expect(words()).to.equal(en);
  });

  it('has every English word in Spanish, and no Spanish word left in English but those both languages share', async () => {
    const english = leaves({ ...en, ...enLater });
    const spanishWords = leaves(await spanish());
    expect([...spanishWords.keys()]).to.deep.equal([...english.keys()]);
    const same = [...english].filter(([path, text]) => spanishWords.get(path) === text).map(([path]) => path);
    // Chat and Fax are Spanish words too; a log with nothing to write says nothing in any language.
    expect(same).to.deep.equal(['channels.chat', 'fields.Fax', 'log.none']);
  });

  it('says in Spanish the notices an agent commonly sees, by their error code, and the rest in the adapter\'s English', async () => {
    const catalogue = await spanish();
    // Typed as the adapter's codes: a code renamed there fails the type check here.
    const common: ErrorCode[] = [
      'SIP_SERVER_UNREACHABLE',
      'SIP_REGISTRATION_REFUSED',
      'SIP_CREDENTIAL_UNAVAILABLE',
      'MICROPHONE_BLOCKED',
      'MICROPHONE_MISSING',
      'CRM_UNAVAILABLE',
      'CRM_SESSION_EXPIRED',
      'TRANSFER_FAILED',
      'CALL_NOT_FOUND',
      'INVALID_INPUT',
    ];
    for (const code of common) {
      expect(catalogue.notices.message(code, 'English words'), code).not.to.equal('English words');
    }
    expect(catalogue.notices.message('CRM_UNAVAILABLE', 'Salesforce did not answer.')).to.equal('Salesforce no responde o no está disponible. ContactPad lo reintenta más tarde.');
    // A code the catalogue has no words for, or one it does not know, keeps the adapter's message.
    expect(catalogue.notices.message('INVALID_TRANSITION', 'A bug: report it.')).to.equal('A bug: report it.');
    expect(catalogue.notices.message('constructor', 'Odd.')).to.equal('Odd.');
    expect(en.notices.message('CRM_UNAVAILABLE', 'Salesforce did not answer.')).to.equal('Salesforce did not answer.');
  });
});
