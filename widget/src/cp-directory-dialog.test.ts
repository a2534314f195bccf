import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-directory-dialog.ts';
import type { CpDirectoryDialog, DirectoryMode } from './cp-directory-dialog.ts';
import type { Channel, DirectoryEntry } from '../../adapter/src/store.ts';
import { DIRECTORY, HOSTILE_TEXT } from '../test-support/snapshots.ts';
import { accessibleName, deepQueryAll, getByRole, queryAllByRole, focused, recordIntents, shownText } from '../test-support/queries.ts';

interface Opened {
  readonly host: HTMLElement;
  readonly element: CpDirectoryDialog;
  readonly opener: HTMLButtonElement;
}

interface OpenedFor {
  /** The button the agent pressed; transfer unless said. */
  readonly mode?: DirectoryMode;
  /** What the interaction allows; the pressed mode alone unless said. */
  readonly modes?: readonly DirectoryMode[];
  /** The interaction's channel; a case (anyone can take it) unless said. */
  readonly channel?: Channel;
}

/** A page with the button that opens the dialog, the dialog opened from it by the agent (transferring a case unless said). */
async function opened(entries: readonly DirectoryEntry[], options: OpenedFor = {}): Promise<Opened> {
  const { mode = 'transfer', modes = [mode], channel = 'case' } = options;
  const host = await fixture<HTMLElement>(html`<div>
    <button type="button">${mode === 'consult' ? 'Consult' : 'Transfer'}</button>
    <cp-directory-dialog .entries=${entries}></cp-directory-dialog>
  </div>`);
  const opener = host.querySelector('button')!;
  const element = host.querySelector('cp-directory-dialog')!;
  opener.focus();
  await element.show({ interactionId: 'case-1', channel, modes, mode, opener });
  return { host, element, opener };
}

/** The directory's colleagues with a ContactPad phone, as options name them. */
const WITH_PHONE = ['Émile Durand, Agent', 'Maria Lopez, Agent', 'Zoë Martin, Agent'];
/** Everyone in the directory, as options name them. */
const EVERYONE = ['adam Price, Agent', 'Billing, Service', 'Émile Durand, Agent', 'Maria Lopez, Agent', 'Sales EMEA, Service', 'Zoë Martin, Agent'];

function dialogOf(element: CpDirectoryDialog): HTMLElement {
  return getByRole(element, 'dialog');
}

function search(element: CpDirectoryDialog): HTMLInputElement {
  return getByRole(element, 'combobox', { name: 'Search agents and services' }) as HTMLInputElement;
}

/** What each option says, the comma before the kind tidied ("Billing, Service"). */
function optionNames(element: CpDirectoryDialog): string[] {
  return queryAllByRole(element, 'option').map((option) => accessibleName(option).replace(/\s+,/g, ','));
}

/** The option the search field points at (aria-activedescendant). */
function activeOption(element: CpDirectoryDialog): string {
  const id = search(element).getAttribute('aria-activedescendant');
  const option = id ? element.shadowRoot!.getElementById(id) : null;
  expect(option?.getAttribute('aria-selected')).to.equal('true');
  return shownText(option!.querySelector('.name')!);
}

async function press(element: CpDirectoryDialog, key: string): Promise<void> {
  await sendKeys({ press: key });
  await element.updateComplete;
}

describe('<cp-directory-dialog>', () => {
  it('is a modal dialog named by what it does; transferring a case lists every agent and service in alphabetical order, each marked', async () => {
    const { element } = await opened(DIRECTORY);
    const dialog = dialogOf(element);
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect((dialog as HTMLDialogElement).open).to.equal(true);
    expect(accessibleName(dialog)).to.equal('Transfer');
    expect(optionNames(element)).to.deep.equal(EVERYONE);
  });

  it('transfers an email to anyone too, services and agents without a phone included', async () => {
    const { element } = await opened(DIRECTORY, { channel: 'email' });
    expect(optionNames(element)).to.deep.equal(EVERYONE);
  });

  it('consults only colleagues with a ContactPad phone (a consult is a call to them), whatever the work', async () => {
    for (const channel of ['case', 'chat', 'voice'] as const) {
      const { element } = await opened(DIRECTORY, { mode: 'consult', channel });
      expect(accessibleName(dialogOf(element))).to.equal('Consult');
      expect(optionNames(element)).to.deep.equal(WITH_PHONE);
    }
  });

  it('transfers a voice call, a video call or a callback only to colleagues with a ContactPad phone', async () => {
    for (const channel of ['voice', 'video', 'callback'] as const) {
      const { element } = await opened(DIRECTORY, { channel });
      expect(optionNames(element)).to.deep.equal(WITH_PHONE);
    }
  });

  it('lists again for the other mode when the agent switches the Consult | Transfer toggle', async () => {
    const { element } = await opened(DIRECTORY, { mode: 'consult', modes: ['consult', 'transfer'] });
    expect(optionNames(element)).to.deep.equal(WITH_PHONE);
    getByRole(element, 'radio', { name: 'Transfer' }).click();
    await element.updateComplete;
    expect(optionNames(element)).to.deep.equal(EVERYONE);
    expect(activeOption(element)).to.equal('adam Price');
    getByRole(element, 'radio', { name: 'Consult' }).click();
    await element.updateComplete;
    expect(optionNames(element)).to.deep.equal(WITH_PHONE);
  });

  it('says why the list is empty when nobody can take the work in that mode', async () => {
    const noPhones = DIRECTORY.filter((entry) => entry.sipUser === '');
    const consult = await opened(noPhones, { mode: 'consult' });
    expect(queryAllByRole(consult.element, 'listbox')).to.have.length(0);
    expect(shownText(getByRole(consult.element, 'status'))).to.equal('No colleague with a ContactPad phone.');
    const callTransfer = await opened(noPhones, { channel: 'voice' });
    expect(shownText(getByRole(callTransfer.element, 'status'))).to.equal('No colleague with a ContactPad phone.');
    const caseTransfer = await opened([]);
    expect(queryAllByRole(caseTransfer.element, 'listbox')).to.have.length(0);
    expect(shownText(getByRole(caseTransfer.element, 'status'))).to.equal('No agents or services to transfer to.');
  });

  it('fills the list when the toggle switches from an empty consult list to the transfer of a case', async () => {
    const noPhones = DIRECTORY.filter((entry) => entry.sipUser === '');
    const { element } = await opened(noPhones, { mode: 'consult', modes: ['consult', 'transfer'] });
    expect(shownText(getByRole(element, 'status'))).to.equal('No colleague with a ContactPad phone.');
    getByRole(element, 'radio', { name: 'Transfer' }).click();
    await element.updateComplete;
    expect(queryAllByRole(element, 'status')).to.have.length(0);
    expect(optionNames(element)).to.deep.equal(['adam Price, Agent', 'Billing, Service', 'Sales EMEA, Service']);
  });

  it('starts with focus in the search field and the first name active', async () => {
    const { element } = await opened(DIRECTORY);
    expect(focused()).to.equal(search(element));
    expect(activeOption(element)).to.equal('adam Price');
  });

  it('filters as the agent types, anywhere in the name, ignoring case and accents', async () => {
    const { element } = await opened(DIRECTORY);
    await sendKeys({ type: 'EMI' });
    await element.updateComplete;
    expect(optionNames(element)).to.deep.equal(['Émile Durand, Agent']);
    await press(element, 'Backspace');
    await press(element, 'Backspace');
    await press(element, 'Backspace');
    await sendKeys({ type: 'zoe' });
    await element.updateComplete;
    expect(optionNames(element)).to.deep.equal(['Zoë Martin, Agent']);
  });

  it('says plainly when no name matches, instead of showing an empty box', async () => {
    const { element } = await opened(DIRECTORY);
    await sendKeys({ type: 'xyz' });
    await element.updateComplete;
    expect(queryAllByRole(element, 'listbox')).to.have.length(0);
    expect(shownText(getByRole(element, 'status'))).to.equal('No agent or service matches “xyz”.');
    expect(search(element).hasAttribute('aria-activedescendant')).to.equal(false);
  });

  it('moves the active name with the arrow keys, Home and End while focus stays in the search field', async () => {
    const { element } = await opened(DIRECTORY);
    await press(element, 'ArrowDown');
    expect(activeOption(element)).to.equal('Billing');
    await press(element, 'ArrowDown');
    expect(activeOption(element)).to.equal('Émile Durand');
    await press(element, 'ArrowUp');
    expect(activeOption(element)).to.equal('Billing');
    await press(element, 'End');
    expect(activeOption(element)).to.equal('Zoë Martin');
    await press(element, 'ArrowDown');
    expect(activeOption(element)).to.equal('Zoë Martin');
    await press(element, 'Home');
    expect(activeOption(element)).to.equal('adam Price');
    await press(element, 'ArrowUp');
    expect(activeOption(element)).to.equal('adam Price');
    expect(focused()).to.equal(search(element));
    expect(queryAllByRole(element, 'option').filter((option) => option.getAttribute('aria-selected') === 'true')).to.have.length(1);
  });

  it('consults the active name on Return, closes, and gives focus back to the Consult button', async () => {
    const { element, opener } = await opened(DIRECTORY, { mode: 'consult' });
    const fired = recordIntents(document.body);
    await press(element, 'ArrowDown');
    await press(element, 'ArrowDown');
    await press(element, 'Enter');
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'consult', interactionId: 'case-1', targetId: 'ag-zoe' }]);
    expect(element.open).to.equal(false);
    expect(focused()).to.equal(opener);
  });

  it('transfers to the first match when the agent types part of a name and presses Return', async () => {
    const { element } = await opened(DIRECTORY);
    const fired = recordIntents(document.body);
    await sendKeys({ type: 'emea' });
    await press(element, 'Enter');
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'transfer', interactionId: 'case-1', targetId: 'svc-sales' }]);
  });

  it('calls a typed phone number for a consult or the transfer of a call: its option comes first, Return chooses it', async () => {
    const { element } = await opened(DIRECTORY, { mode: 'consult', channel: 'voice' });
    const fired = recordIntents(document.body);
    await sendKeys({ type: '+1 (415) 555-0142' });
    await element.updateComplete;
    expect(optionNames(element)).to.deep.equal(['Call +1 (415) 555-0142']);
    expect(activeOption(element)).to.equal('Call +1 (415) 555-0142');
    await press(element, 'Enter');
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'consult', interactionId: 'case-1', targetId: '', number: '+1 (415) 555-0142' }]);

    const transfer = await opened(DIRECTORY, { channel: 'voice' });
    await sendKeys({ type: 'sip:desk@pbx.example.com' });
    await transfer.element.updateComplete;
    expect(optionNames(transfer.element)).to.deep.equal(['Transfer to sip:desk@pbx.example.com']);
    expect(search(transfer.element).getAttribute('aria-describedby'), 'the field says it takes a number').to.equal('search-hint');
  });

  it('offers no number to transfer an email or a case to, and none for text that is no number', async () => {
    const { element } = await opened(DIRECTORY, { channel: 'email' });
    await sendKeys({ type: '4155550142' });
    await element.updateComplete;
    expect(queryAllByRole(element, 'option')).to.have.length(0);
    const call = await opened(DIRECTORY, { mode: 'consult', channel: 'voice' });
    await sendKeys({ type: 'lopez' });
    await call.element.updateComplete;
    expect(optionNames(call.element)).to.deep.equal(['Maria Lopez, Agent']);
  });

  it('chooses a name when the agent clicks it', async () => {
    const { element } = await opened(DIRECTORY);
    const fired = recordIntents(document.body);
    queryAllByRole(element, 'option')[3]!.click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'transfer', interactionId: 'case-1', targetId: 'ag-maria' }]);
  });

  it('closes on Escape without doing anything, and gives focus back to the button that opened it', async () => {
    const { element, opener } = await opened(DIRECTORY);
    const fired = recordIntents(document.body);
    await sendKeys({ type: 'ma' });
    await press(element, 'Escape');
    fired.stop();
    expect(fired.intents).to.deep.equal([]);
    expect(element.open).to.equal(false);
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(focused()).to.equal(opener);
  });

  it('closes on Cancel without doing anything', async () => {
    const { element, opener } = await opened(DIRECTORY);
    const fired = recordIntents(document.body);
    getByRole(element, 'button', { name: 'Cancel' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([]);
    expect(element.open).to.equal(false);
    expect(focused()).to.equal(opener);
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { element } = await opened(DIRECTORY, { mode: 'consult', modes: ['consult', 'transfer'] });
    const consult = getByRole(element, 'radio', { name: 'Consult' });
    const cancel = getByRole(element, 'button', { name: 'Cancel' });
    expect(focused()).to.equal(search(element));
    await press(element, 'Tab');
    expect(focused()).to.equal(cancel);
    await press(element, 'Tab');
    expect(focused()).to.equal(consult);
    await press(element, 'Tab');
    expect(focused()).to.equal(search(element));
    await press(element, 'Shift+Tab');
    expect(focused()).to.equal(consult);
    await press(element, 'Shift+Tab');
    expect(focused()).to.equal(cancel);
  });

  it('shows a Consult | Transfer toggle when both are allowed; switching it with the keyboard renames the dialog and transfers', async () => {
    const { element } = await opened(DIRECTORY, { mode: 'consult', modes: ['consult', 'transfer'] });
    const toggle = getByRole(element, 'radiogroup', { name: 'Consult or transfer' });
    expect(Array.from(toggle.querySelectorAll('label'), (label) => label.textContent?.trim())).to.deep.equal(['Consult', 'Transfer']);
    expect((getByRole(toggle, 'radio', { name: 'Consult' }) as HTMLInputElement).checked).to.equal(true);
    await press(element, 'Shift+Tab');
    await press(element, 'ArrowRight');
    expect((getByRole(toggle, 'radio', { name: 'Transfer' }) as HTMLInputElement).checked).to.equal(true);
    expect(accessibleName(dialogOf(element))).to.equal('Transfer');
    await press(element, 'Tab');
    expect(focused()).to.equal(search(element));
    const fired = recordIntents(document.body);
    await press(element, 'ArrowDown');
    await press(element, 'Enter');
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'transfer', interactionId: 'case-1', targetId: 'svc-billing' }]);
  });

  it('shows no toggle when only one of consult and transfer is allowed', async () => {
    const { element } = await opened(DIRECTORY, { mode: 'consult' });
    expect(queryAllByRole(element, 'radiogroup')).to.have.length(0);
    expect(queryAllByRole(element, 'radio')).to.have.length(0);
  });

  it('opens fresh each time: empty search, first name active', async () => {
    const { element, opener } = await opened(DIRECTORY);
    await sendKeys({ type: 'zo' });
    await press(element, 'Escape');
    await element.show({ interactionId: 'case-2', channel: 'case', modes: ['transfer'], mode: 'transfer', opener });
    expect(search(element).value).to.equal('');
    expect(optionNames(element)).to.have.length(DIRECTORY.length);
    expect(activeOption(element)).to.equal('adam Price');
  });

  it('keeps up with a new directory while open', async () => {
    const { element } = await opened(DIRECTORY);
    element.entries = [...DIRECTORY, { id: 'ag-aaron', name: 'Aaron Baker', kind: 'agent', sipUser: 'agent5' }];
    await element.updateComplete;
    expect(optionNames(element)[0]).to.equal('Aaron Baker, Agent');
  });

  it('renders markup in names as text', async () => {
    const { element } = await opened([{ id: 'x', name: HOSTILE_TEXT, kind: 'agent', sipUser: '' }]);
    expect(optionNames(element)).to.deep.equal([`${HOSTILE_TEXT}, Agent`]);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
  });
});
