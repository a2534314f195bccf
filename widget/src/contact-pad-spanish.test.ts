/**
 * ContactPad for an agent whose Salesforce language is Spanish: the words of the migrated
 * components come from the Spanish catalogue, and none of their English words is left.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './contact-pad.ts';
import './cp-wrap-up-form.ts';
import './cp-journey.ts';
import './cp-record-picker.ts';
import './cp-decline-dialog.ts';
import './cp-abandon-dialog.ts';
import type { ContactPad } from './contact-pad.ts';
import type { CpWrapUpForm } from './cp-wrap-up-form.ts';
import type { CpDeclineDialog } from './cp-decline-dialog.ts';
import type { CpAbandonDialog } from './cp-abandon-dialog.ts';
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { NOW, DISPOSITIONS, busyShift, lookup, recentJourney, ringing, sharedNumberMatches, snapshot, view, wrappingUp } from '../test-support/snapshots.ts';
import { allElements, deepQueryAll, getByRole, queryAllByRole, shownText } from '../test-support/queries.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';
import { en } from './catalogue/en.ts';

const SPANISH = { language: 'es', locale: 'es-ES' } as const;

/** The English catalogue's words (4 letters or more) that Spanish says otherwise. */
async function englishOnlyWords(): Promise<string[]> {
  const english = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') english.add(value);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  collect(en);
  for (const shared of ['Chat', 'Fax', 'en']) english.delete(shared);
  return [...english].filter((word) => word.trim().length >= 4);
}

/** The English words shown or named (text, aria-label, title) inside `roots`. */
async function englishIn(...roots: Element[]): Promise<string[]> {
  const said = roots
    .flatMap((root) => [shownText(root), ...allElements(root).flatMap((el) => [el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? ''])])
    .join('\n');
  // Whole words only: "Cancel" is not in "Cancelar".
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (await englishOnlyWords()).filter((word) => new RegExp(`(?<!\\p{L})${escape(word)}(?!\\p{L})`, 'u').test(said));
}

async function settled(element: ContactPad): Promise<void> {
  await element.updateComplete;
  for (const child of deepQueryAll<HTMLElement & { updateComplete?: Promise<unknown> }>(element, '*')) await child.updateComplete;
}

describe('ContactPad in Spanish', () => {
  afterEach(() => useAgentLanguage({ language: '', locale: '' }));

  it('finds English words where they are left (the check below can fail)', async () => {
    const pop = await fixture(html`<cp-call-pop .view=${ringing}></cp-call-pop>`);
    expect(await englishIn(pop)).to.include.members(['Accept', 'Reject', 'Call To', 'Lead']);
  });

  it('waits for the Spanish words, then shows the call pop, the agent state and the phone in Spanish, nothing of them in English', async () => {
    const state: ContactPadSnapshot = { ...busyShift, agentLanguage: SPANISH, interactions: [ringing] };
    const element = await fixture<ContactPad>(html`<contact-pad .snapshot=${state} .clock=${new FakeClock(NOW)}></contact-pad>`);
    await waitUntil(() => element.lang === 'es', 'the Spanish words are loaded');
    await settled(element);
    const pop = getByRole(element, 'region', { name: 'Llamada de voz entrante de Ann Smith, +1 415 555 0100, cola Sales' });
    expect(getByRole(pop, 'button', { name: 'Aceptar' })).to.exist;
    expect(getByRole(pop, 'button', { name: 'Rechazar' })).to.exist;
    expect(shownText(pop)).to.contain('Candidato').and.contain('Llamada a').and.contain('Cola').and.contain('Origen del anuncio');
    expect(getByRole(element, 'combobox', { name: 'Siguiente' })).to.exist;
    expect(queryAllByRole(element, 'status').map(shownText)).to.include.members(['Teléfono listo', 'Ocupado']);
    expect(getByRole(element, 'status', { name: /Ocupado/ }).textContent).to.contain('Estado del agente: ');
    expect(queryAllByRole(element, 'alert').map(shownText)).to.deep.equal(['Salesforce no responde o no está disponible. ContactPad lo reintenta más tarde. CRM_UNAVAILABLE']);
    expect(getByRole(element, 'heading', { name: 'Interacciones' })).to.exist;
    const migrated = ['cp-call-pop', 'cp-agent-state', 'cp-phone-status', 'cp-notice-list'].flatMap((tag) => deepQueryAll(element, tag));
    expect(await englishIn(...migrated)).to.deep.equal([]);
  });

  it('asks for the wrap up in Spanish, with the countdown written the Spanish way', async () => {
    await useAgentLanguage(SPANISH);
    const element = await fixture<CpWrapUpForm>(
      html`<cp-wrap-up-form .view=${wrappingUp} .dispositions=${DISPOSITIONS} .clock=${new FakeClock(NOW)}></cp-wrap-up-form>`,
    );
    expect(getByRole(element, 'form', { name: 'Trabajo posterior: Carla Diaz' })).to.exist;
    expect(shownText(getByRole(element, 'timer'))).to.equal('El trabajo posterior termina en 0:45');
    expect(getByRole(element, 'combobox', { name: 'Resultado' })).to.exist;
    expect(getByRole(element, 'textbox', { name: 'Notas' })).to.exist;
    expect(getByRole(element, 'button', { name: 'Hecho' })).to.exist;
    expect(shownText(element)).to.contain('--Ninguno--');
    expect(await englishIn(element)).to.deep.equal([]);
  });

  it("tells the caller's recent interactions in Spanish: channel, status, how long ago and the date", async () => {
    await useAgentLanguage(SPANISH);
    const element = await fixture(html`<cp-journey .journey=${recentJourney} .clock=${new FakeClock(NOW)} .timeZone=${'UTC'}></cp-journey>`);
    const entries = queryAllByRole(getByRole(element, 'list', { name: 'Interacciones recientes' }), 'listitem');
    expect(entries.map(shownText)).to.deep.equal([
      'Devolución de llamada Maria Lopez · Finalizada hace 1 día',
      'Chat Sam Lee · Transfiriendo hace 3 días',
      'Llamada de voz Fallida hace 40 días',
    ]);
    expect(deepQueryAll<HTMLTimeElement>(element, 'time')[0]!.title).to.equal('13 mar 2025, 13:00');
    expect(await englishIn(element)).to.deep.equal([]);
  });

  it('asks which record is the caller, and why this record, in Spanish', async () => {
    await useAgentLanguage(SPANISH);
    const picker = await fixture(html`<cp-record-picker .interactionId=${'ci-1'} .records=${sharedNumberMatches}></cp-record-picker>`);
    const options = queryAllByRole(getByRole(picker, 'listbox', { name: '¿Qué registro es el llamante?' }), 'option');
    expect(options.map(shownText)).to.deep.equal([
      'Bob Jones Contacto · Cliente · coincide con Teléfono',
      'Beth Jones Contacto · Cliente · coincide con Teléfono particular',
      'Jones Hardware Cuenta · Cliente · coincide con Teléfono',
    ]);
    const state = snapshot({ agentLanguage: SPANISH, interactions: [view({}, { caller: lookup() })] });
    const pad = await fixture<ContactPad>(html`<contact-pad .snapshot=${state} .clock=${new FakeClock(NOW)}></contact-pad>`);
    await waitUntil(() => pad.lang === 'es');
    await settled(pad);
    const why = deepQueryAll(pad, 'cp-why-record')[0]!;
    deepQueryAll<HTMLDetailsElement>(why, 'details')[0]!.open = true;
    expect(shownText(why)).to.equal('Por qué este registro Candidato · coincide con Móvil (regla: Open leads)');
    expect(await englishIn(picker, why)).to.deep.equal([]);
  });

  it('declines and abandons in Spanish', async () => {
    await useAgentLanguage(SPANISH);
    const opener = await fixture<HTMLButtonElement>(html`<button>opener</button>`);
    const decline = await fixture<CpDeclineDialog>(html`<cp-decline-dialog .reasons=${['Too busy']}></cp-decline-dialog>`);
    await decline.decline({ interactionId: 'w1', subject: 'Chat con Omar Haddad', opener });
    const declining = getByRole(decline, 'dialog', { name: 'Declinar: Chat con Omar Haddad' });
    expect(getByRole(declining, 'listbox', { name: '¿Por qué declina?' })).to.exist;
    expect(getByRole(declining, 'button', { name: 'Cancelar' })).to.exist;
    const abandon = await fixture<CpAbandonDialog>(html`<cp-abandon-dialog></cp-abandon-dialog>`);
    await abandon.show({ interactionId: 'w1', subject: '', opener });
    const abandoning = getByRole(abandon, 'alertdialog', { name: '¿Abandonar esta interacción?' });
    expect(getByRole(abandoning, 'button', { name: 'Abandonar' })).to.exist;
    expect(shownText(abandoning)).to.contain('Abandone solo si finalizar no ha funcionado.');
    expect(await englishIn(decline, abandon)).to.deep.equal([]);
  });

  it('says a notice in Spanish by its code, and one the catalogue has no words for in the adapter\'s English', async () => {
    await useAgentLanguage(SPANISH);
    const notices = [
      { id: 1, code: 'MICROPHONE_BLOCKED', message: 'The browser blocked the microphone.' },
      { id: 2, code: 'INVALID_CONFIGURATION', message: 'The call center item wrapUpSeconds is not a number.' },
    ];
    const element = await fixture(html`<cp-notice-list .notices=${notices}></cp-notice-list>`);
    const list = getByRole(element, 'list', { name: 'Avisos' });
    expect(queryAllByRole(list, 'alert').map(shownText)).to.deep.equal([
      'El navegador bloquea el micrófono: permítalo en la configuración del sitio (el candado de la barra de direcciones) y vuelva a elegir Disponible. MICROPHONE_BLOCKED',
      'The call center item wrapUpSeconds is not a number. INVALID_CONFIGURATION',
    ]);
    expect(queryAllByRole(list, 'button').map((button) => button.getAttribute('aria-label'))).to.deep.equal([
      'Descartar: El navegador bloquea el micrófono: permítalo en la configuración del sitio (el candado de la barra de direcciones) y vuelva a elegir Disponible.',
      'Descartar: The call center item wrapUpSeconds is not a number.',
    ]);
  });
});
