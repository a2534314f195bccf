/**
 * ContactPad for an agent whose Salesforce language is Spanish: the words of the migrated
 * components come from the Spanish catalogue, and none of their English words is left.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './contact-pad.ts';
import './cp-wrap-up-form.ts';
import './cp-journey.ts';
import './cp-record-picker.ts';
import './cp-decline-dialog.ts';
import './cp-abandon-dialog.ts';
import './cp-directory-dialog.ts';
import type { ContactPad } from './contact-pad.ts';
import type { CpWrapUpForm } from './cp-wrap-up-form.ts';
import type { CpDeclineDialog } from './cp-decline-dialog.ts';
import type { CpAbandonDialog } from './cp-abandon-dialog.ts';
import type { CpDirectoryDialog } from './cp-directory-dialog.ts';
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { NOW, DISPOSITIONS, busyShift, caseConnected, connected, lookup, readyAgent, recentJourney, ringing, sharedNumberMatches, snapshot, view, wrappingUp } from '../test-support/snapshots.ts';
import { accessibleName, allElements, deepQueryAll, findByRole, getByRole, queryAllByRole, shownText } from '../test-support/queries.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';
import { en } from './catalogue/en.ts';
import { enLater } from './catalogue/en-later.ts';

const SPANISH = { language: 'es', locale: 'es-ES' } as const;

/** The English catalogue's words (4 letters or more; the ring path's and the later elements') that Spanish says otherwise. */
async function englishOnlyWords(): Promise<string[]> {
  const english = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') english.add(value);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  collect(en);
  collect(enLater);
  for (const shared of ['Chat', 'Fax', 'en']) english.delete(shared);
  return [...english].filter((word) => word.trim().length >= 4);
}

/** The English catalogue words in `text`. */
async function englishSaid(text: string): Promise<string[]> {
  // Whole words only: "Cancel" is not in "Cancelar".
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (await englishOnlyWords()).filter((word) => new RegExp(`(?<!\\p{L})${escape(word)}(?!\\p{L})`, 'u').test(text));
}

/** The English words shown or named (text, aria-label, title, aria-valuetext) inside `roots`. */
async function englishIn(...roots: Element[]): Promise<string[]> {
  const named = (el: Element) => ['aria-label', 'title', 'aria-valuetext'].map((name) => el.getAttribute(name) ?? '');
  return englishSaid(roots.flatMap((root) => [shownText(root), ...allElements(root).flatMap(named)]).join('\n'));
}

async function settled(element: ContactPad): Promise<void> {
  await afterFirstPaint(element);
}

/** <contact-pad> for a Spanish-speaking agent, once the Spanish words are in use. */
async function spanishPad(state: ContactPadSnapshot): Promise<ContactPad> {
  const element = await fixture<ContactPad>(html`<contact-pad .snapshot=${{ ...state, agentLanguage: SPANISH }} .clock=${new FakeClock(NOW)}></contact-pad>`);
  await waitUntil(() => element.lang === 'es', 'the Spanish words are loaded');
  await settled(element);
  return element;
}

async function publish(element: ContactPad, next: ContactPadSnapshot): Promise<void> {
  element.snapshot = { ...next, agentLanguage: SPANISH };
  await settled(element);
}

/** What the pad's polite live regions say now (announcer.ts: two regions take turns). */
function said(element: ContactPad): string {
  return deepQueryAll(element, '[aria-live=polite]').map((region) => region.textContent ?? '').join('');
}

describe('ContactPad in Spanish', () => {
  afterEach(() => useAgentLanguage({ language: '', locale: '' }));

  it('finds English words where they are left (the check below can fail)', async () => {
    const pop = await afterFirstPaint(await fixture(html`<cp-call-pop .view=${ringing}></cp-call-pop>`));
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
    const migrated = ['cp-call-pop', 'cp-agent-state', 'cp-agent-status-choice', 'cp-phone-status', 'cp-notice-list'].flatMap((tag) => deepQueryAll(element, tag));
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

  it('lists the interactions and details the caller in Spanish: held by the caller, in conference, muted, a closed tab, the lookup', async () => {
    const bob = { ...connected, muted: true, heldByFarEnd: true };
    const conference = view({ id: 'ci-conf', callerName: 'Eve Stone', state: 'connected', answeredAt: NOW - 30_000 }, { actions: ['release', 'leave-conference'], inConference: true });
    const closedTab = { ...caseConnected, recordTabOpen: false };
    const state = snapshot({ interactions: [bob, conference, closedTab], selectedId: bob.interaction.id });
    const element = await spanishPad(state);
    const list = getByRole(element, 'list', { name: 'Interacciones' });
    const items = queryAllByRole(list, 'listitem');
    expect(shownText(items[0]!)).to.contain('Conectada · Silenciado · Support');
    expect(shownText(getByRole(items[0]!, 'status'))).to.equal('En espera por el llamante');
    expect(queryAllByRole(items[0]!, 'button').slice(1).map(accessibleName)).to.deep.equal(['Finalizar', 'Retener', 'Consultar', 'Transferir']);
    expect(shownText(items[1]!)).to.contain('Conectada · En conferencia');
    expect(queryAllByRole(items[1]!, 'button').slice(1).map(accessibleName)).to.deep.equal(['Finalizar', 'Salir de la conferencia']);
    expect(shownText(items[2]!)).to.contain('Pestaña cerrada — selecciónela para volver a abrirla');
    const detail = getByRole(element, 'region', { name: 'Llamante: Bob Jones' });
    expect(await englishIn(...deepQueryAll(element, 'cp-interaction-list'), detail)).to.deep.equal([]);

    await publish(element, { ...state, interactions: [{ ...bob, caller: { state: 'pending' } }] });
    expect(shownText(getByRole(element, 'region', { name: 'Llamante: Bob Jones' }))).to.equal('Bob Jones Buscando al llamante…');
    await publish(element, { ...state, interactions: [{ ...bob, caller: { state: 'failed', code: 'CRM_UNAVAILABLE', message: 'Salesforce did not answer.' } }] });
    expect(shownText(getByRole(element, 'region', { name: 'Llamante: Bob Jones' }))).to.equal('Bob Jones Salesforce no responde o no está disponible. ContactPad lo reintenta más tarde.');
    await publish(element, snapshot({ interactions: [] }));
    expect(shownText(deepQueryAll(element, 'cp-interaction-list')[0]!)).to.equal('Aún no hay interacciones.');
  });

  it('consults and transfers in Spanish: the dialog, its toggle, the search, a typed number and why nobody is listed', async () => {
    const element = await spanishPad(snapshot({ interactions: [connected], selectedId: connected.interaction.id }));
    getByRole(element, 'button', { name: 'Transferir' }).click();
    const dialog = await findByRole(element, 'dialog', { name: 'Transferir' });
    const host = deepQueryAll<CpDirectoryDialog>(element, 'cp-directory-dialog')[0]!;
    await host.updateComplete;
    const toggle = getByRole(dialog, 'radiogroup', { name: 'Consultar o transferir' });
    expect(queryAllByRole(toggle, 'radio').map(accessibleName)).to.deep.equal(['Consultar', 'Transferir']);
    expect(shownText(dialog)).to.contain('O escriba un número de teléfono.');
    const options = () => queryAllByRole(getByRole(dialog, 'listbox', { name: 'Agentes y servicios' }), 'option').map((option) => accessibleName(option).replace(/\s+,/g, ','));
    expect(options()).to.deep.equal(['Émile Durand, Agente', 'Maria Lopez, Agente', 'Zoë Martin, Agente']);
    const search = getByRole(dialog, 'combobox', { name: 'Buscar agentes y servicios' }) as HTMLInputElement;
    const type = async (text: string) => {
      search.value = text;
      search.dispatchEvent(new Event('input'));
      await host.updateComplete;
    };
    await type('+34 600 123 456');
    expect(options()).to.deep.equal(['Transferir al +34 600 123 456']);
    (queryAllByRole(toggle, 'radio')[0] as HTMLInputElement).click();
    await host.updateComplete;
    expect(options()).to.deep.equal(['Llamar al +34 600 123 456']);
    const english = await englishIn(host);
    await type('xyz');
    expect(shownText(getByRole(dialog, 'status'))).to.equal('Ningún agente ni servicio coincide con “xyz”.');
    expect(getByRole(dialog, 'button', { name: 'Cancelar' })).to.exist;
    expect([...english, ...(await englishIn(host))]).to.deep.equal([]);

    const nobody = await fixture<CpDirectoryDialog>(html`<cp-directory-dialog .entries=${[]}></cp-directory-dialog>`);
    await nobody.show({ interactionId: 'ci-1', channel: 'voice', modes: ['consult'], mode: 'consult' });
    expect(shownText(getByRole(nobody, 'status'))).to.equal('Ningún compañero tiene un teléfono de ContactPad.');
    nobody.close();
    await nobody.show({ interactionId: 'ci-2', channel: 'case', modes: ['transfer'], mode: 'transfer' });
    expect(shownText(getByRole(nobody, 'status'))).to.equal('No hay agentes ni servicios a los que transferir.');
    expect(await englishIn(nobody)).to.deep.equal([]);
  });

  it('shows the devices panel in Spanish: the devices, an unnamed and an unplugged one, the ring volume and the notes', async () => {
    const audio = {
      microphones: [{ id: 'mic-1', label: '' }],
      outputs: [{ id: 'out-1', label: '' }],
      named: false,
      chosen: { microphone: 'mic-unplugged', speaker: '', ringer: '', ringVolume: 80 },
      outputChoice: false,
    };
    const element = await spanishPad(snapshot({ audio }));
    const devices = getByRole(element, 'button', { name: 'Dispositivos' });
    devices.click();
    await waitUntil(() => deepQueryAll(element, 'cp-audio-settings')[0]?.shadowRoot?.querySelector('fieldset'), 'the devices panel loaded');
    const panel = deepQueryAll(element, 'cp-audio-settings')[0]!;
    expect(shownText(panel.shadowRoot!.querySelector('legend')!)).to.equal('Dispositivos');
    const microphone = getByRole(panel, 'combobox', { name: 'Micrófono' }) as HTMLSelectElement;
    expect(Array.from(microphone.options).map((option) => shownText(option))).to.deep.equal(['Predeterminado del navegador', 'Dispositivo 1', 'Micrófono (no conectado)']);
    expect(getByRole(panel, 'combobox', { name: 'Altavoz' })).to.exist;
    expect(getByRole(panel, 'combobox', { name: 'Timbre' })).to.exist;
    // Intl writes a Spanish percentage with a (no-break) space before the sign.
    expect(getByRole(panel, 'slider', { name: 'Volumen del timbre' }).getAttribute('aria-valuetext')).to.equal('80\u00a0%');
    expect(shownText(panel)).to.contain('Los nombres de los dispositivos aparecen cuando ContactPad puede usar el micrófono.');
    expect(shownText(panel)).to.contain('Este navegador reproduce las llamadas y el tono de llamada solo en su salida predeterminada.');
    expect(shownText(getByRole(panel, 'status'))).to.match(/^(Notificaciones|Las notificaciones)/);
    expect(await englishIn(devices, panel)).to.deep.equal([]);
  });

  it("announces in Spanish: a call muted and back, held, the agent's status, a shortcut taken and one refused", async () => {
    const ann = view({ ...ringing.interaction, state: 'connected', answeredAt: NOW }, { actions: ['release', 'hold', 'mute'] });
    const element = await spanishPad(snapshot({ interactions: [ann] }));
    const heard: string[] = [];
    const announce = async (next: ContactPadSnapshot) => {
      await publish(element, next);
      heard.push(said(element));
    };
    await announce(snapshot({ interactions: [{ ...ann, muted: true, actions: ['release', 'hold', 'unmute'] }] }));
    await announce(snapshot({ interactions: [ann] }));
    await announce(snapshot({ interactions: [view({ ...ann.interaction, state: 'held' }, { actions: ['release', 'retrieve'] })] }));
    await announce(snapshot({ interactions: [], agent: { ...readyAgent, status: 'busy' } }));
    const agentStatus = deepQueryAll(element, 'cp-agent-status-choice')[0]!.shadowRoot!.querySelector('select')!;
    agentStatus.focus();
    await sendKeys({ press: 'Alt+Shift+KeyE' });
    await settled(element);
    heard.push(said(element));
    await publish(element, snapshot({ interactions: [ringing] }));
    agentStatus.focus();
    await sendKeys({ press: 'Alt+Shift+KeyA' });
    await settled(element);
    heard.push(said(element));
    expect(heard).to.deep.equal([
      'Llamada de voz con Ann Smith: Silenciado.',
      'Llamada de voz con Ann Smith: Micrófono activado.',
      'Llamada de voz con Ann Smith: En espera.',
      'Su estado: Ocupado.',
      'No hay ninguna llamada que finalizar.',
      'Aceptada: Llamada de voz con Ann Smith',
    ]);
    expect(await englishSaid(heard.join('\n'))).to.deep.equal([]);
  });
});
