/**
 * ContactPad in the agent's Salesforce language, end to end: the local console plays an agent
 * whose User record says Spanish (`?lang=es`: LanguageLocaleKey es, LocaleSidKey es_ES, rendered
 * into force-app's ContactPad.page as Visualforce would); a real caller (the customer simulator
 * through Kamailio) rings, and the call pop, its Accept button and the agent's state read in
 * Spanish.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { customerState, openConsoleSession, placeCall, type ConsoleSession } from './support/console-session.ts';

describe('ContactPad for a Spanish-speaking agent', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openConsoleSession({ '/ContactPad/wrapUpSeconds': '120' }, undefined, '&lang=es');
  });

  after(async () => {
    await session?.close();
  });

  it('says the agent state in Spanish, and pops a real incoming call in Spanish: Aceptar answers it', async () => {
    const { softphone } = session;
    assert.equal(await softphone.locator('contact-pad').getAttribute('lang'), 'es');
    const status = softphone.getByLabel('Cambiar estado');
    await status.waitFor();
    const now = softphone.locator('cp-agent-state .words');
    assert.equal(await now.innerText(), 'Desconectado', 'Offline is Desconectado');
    await status.selectOption({ label: 'Disponible' });
    await softphone.getByText('Teléfono listo').waitFor();
    assert.equal(await now.innerText(), 'Disponible');

    await placeCall(session, { name: 'Maria Lopez', number: '+14155550100', queue: 'Sales', location: 'Downtown store' });
    const pop = softphone.getByRole('region', { name: 'Llamada de voz entrante de Maria Lopez, +14155550100, cola Sales' });
    await pop.waitFor();
    const popText = await pop.innerText();
    for (const expected of ['LLAMADA DE VOZ', 'Llamada a', 'Cola', 'Origen del anuncio', 'Rechazar']) {
      assert.ok(popText.includes(expected), `the call pop says ${expected}: ${popText}`);
    }
    await pop.getByText('Candidato', { exact: true }).waitFor();
    for (const english of ['Accept', 'Reject', 'Call To', 'Queue', 'Ad Source', 'Lead']) {
      assert.ok(!new RegExp(`\\b${english}\\b`).test(popText), `no English "${english}" in the call pop: ${popText}`);
    }

    await pop.getByRole('button', { name: 'Aceptar' }).click();
    await customerState(session, 'connected');
    await softphone.locator('cp-agent-state .words', { hasText: 'Ocupado' }).waitFor();
    assert.ok(await softphone.getByLabel('Siguiente').isVisible(), 'while Busy the choice is the next state: Siguiente');

    await softphone.getByRole('button', { name: 'Finalizar' }).first().click();
    await customerState(session, 'ended');
    await softphone.getByRole('form', { name: 'Trabajo posterior: Maria Lopez' }).waitFor();
    assert.match(await softphone.getByRole('timer').innerText(), /^El trabajo posterior termina en \d+:\d\d$/);
  });
});
