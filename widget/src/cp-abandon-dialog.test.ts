import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-abandon-dialog.ts';
import type { CpAbandonDialog } from './cp-abandon-dialog.ts';
import { HOSTILE_TEXT } from '../test-support/snapshots.ts';
import { accessibleName, deepQueryAll, getByRole, queryAllByRole, focused, recordIntents, shownText } from '../test-support/queries.ts';

async function opened(subject = 'Chat with Lena Fischer'): Promise<{ element: CpAbandonDialog; opener: HTMLButtonElement }> {
  const host = await fixture<HTMLElement>(html`<div><button type="button">Abandon</button><cp-abandon-dialog></cp-abandon-dialog></div>`);
  const opener = host.querySelector('button')!;
  const element = host.querySelector('cp-abandon-dialog')!;
  opener.focus();
  await element.show({ interactionId: 'chat-1', subject, opener });
  return { element, opener };
}

async function press(element: CpAbandonDialog, key: string): Promise<void> {
  await sendKeys({ press: key });
  await element.updateComplete;
}

describe('<cp-abandon-dialog>', () => {
  it('asks in a modal alert dialog and explains what abandoning costs', async () => {
    const { element } = await opened();
    const dialog = getByRole(element, 'alertdialog');
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(accessibleName(dialog)).to.equal('Abandon: Chat with Lena Fischer?');
    const description = element.shadowRoot!.getElementById(dialog.getAttribute('aria-describedby')!)!;
    expect(shownText(description)).to.equal(
      "Abandon only if releasing has not worked. Abandoning can affect statistics, recordings and the customer's experience.",
    );
    expect(queryAllByRole(dialog, 'button').map(accessibleName)).to.deep.equal(['Cancel', 'Abandon']);
  });

  it('starts on Cancel, so Return alone abandons nothing, and gives focus back', async () => {
    const { element, opener } = await opened();
    const fired = recordIntents(document.body);
    expect(focused()).to.equal(getByRole(element, 'button', { name: 'Cancel' }));
    await press(element, 'Enter');
    fired.stop();
    expect(fired.intents).to.deep.equal([]);
    expect(element.open).to.equal(false);
    expect(focused()).to.equal(opener);
  });

  it('abandons only when the agent confirms with Abandon (Tab, then Return)', async () => {
    const { element, opener } = await opened();
    const fired = recordIntents(document.body);
    await press(element, 'Tab');
    expect(focused()).to.equal(getByRole(element, 'button', { name: 'Abandon' }));
    await press(element, 'Enter');
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'abandon', interactionId: 'chat-1' }]);
    expect(element.open).to.equal(false);
    expect(focused()).to.equal(opener);
  });

  it('closes on Escape without abandoning', async () => {
    const { element, opener } = await opened();
    const fired = recordIntents(document.body);
    await press(element, 'Escape');
    fired.stop();
    expect(fired.intents).to.deep.equal([]);
    expect(queryAllByRole(element, 'alertdialog')).to.have.length(0);
    expect(focused()).to.equal(opener);
  });

  it('keeps Tab inside the dialog', async () => {
    const { element } = await opened();
    const cancel = getByRole(element, 'button', { name: 'Cancel' });
    await press(element, 'Tab');
    await press(element, 'Tab');
    expect(focused()).to.equal(cancel);
    await press(element, 'Shift+Tab');
    expect(focused()).to.equal(getByRole(element, 'button', { name: 'Abandon' }));
  });

  it('renders markup in the customer name as text', async () => {
    const { element } = await opened(`Chat with ${HOSTILE_TEXT}`);
    expect(accessibleName(getByRole(element, 'alertdialog'))).to.equal(`Abandon: Chat with ${HOSTILE_TEXT}?`);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
  });
});
