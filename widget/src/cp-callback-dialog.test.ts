import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-callback-dialog.ts';
import type { CpCallbackDialog } from './cp-callback-dialog.ts';
import type { CallbackChoiceView } from '../../adapter/src/store.ts';
import { accessibleName, getByRole, queryAllByRole, focused, recordIntents, shownText } from '../test-support/queries.ts';

const MARIA = { recordId: '00Q5g0000000sdTEAQ', objectType: 'Lead', name: 'Maria Lopez' };
const DESK_PHONE = { contact: 'sip:agent1-0x5@127.0.0.1:47160', kind: 'phone', where: '127.0.0.1:47160' } as const;

async function dialogWith(choice: CallbackChoiceView): Promise<CpCallbackDialog> {
  const element = await fixture<CpCallbackDialog>(html`<cp-callback-dialog .choice=${choice}></cp-callback-dialog>`);
  await element.updateComplete;
  await element.updateComplete;
  return element;
}

function devices(element: CpCallbackDialog): string[] {
  // The choice is a fieldset whose legend is "Ring" (a group by its implicit role).
  const group = element.renderRoot.querySelector('fieldset')!;
  expect(shownText(group.querySelector('legend')!)).to.equal('Ring');
  return queryAllByRole(group, 'radio').map((radio) => radio.parentElement!.textContent!.trim());
}

function callButton(element: CpCallbackDialog): HTMLButtonElement {
  return getByRole(element, 'button', { name: 'Call' }) as HTMLButtonElement;
}

describe('<cp-callback-dialog>', () => {
  it('opens named after the record, the first number prefilled and focused, this browser chosen, the agent\'s other devices said readably', async () => {
    const element = await dialogWith({ record: MARIA, numbers: ['(415) 555-0100', '+1 415 555 0199'], thisBrowser: true, devices: [DESK_PHONE, { contact: 'sip:k3@x.invalid;transport=ws', kind: 'browser', where: '' }] });
    const dialog = getByRole(element, 'dialog');
    expect(accessibleName(dialog)).to.equal('Call back Maria Lopez');
    const number = getByRole(element, 'textbox', { name: "Customer's number" }) as HTMLInputElement;
    expect(number.value).to.equal('(415) 555-0100');
    expect(focused()).to.equal(number);
    expect(devices(element)).to.deep.equal(['This browser (ContactPad)', 'Your phone at 127.0.0.1:47160', 'Another browser of yours']);
    expect((queryAllByRole(element, 'radio')[0] as HTMLInputElement).checked).to.equal(true);
    expect(callButton(element).disabled).to.equal(false);
  });

  it('calls back the number chosen from the record, edited, on the device chosen, with the record', async () => {
    const element = await dialogWith({ record: MARIA, numbers: ['(415) 555-0100', '+1 415 555 0199'], thisBrowser: true, devices: [DESK_PHONE] });
    const numbers = getByRole(element, 'combobox', { name: 'Numbers on the record' }) as HTMLSelectElement;
    numbers.value = '+1 415 555 0199';
    numbers.dispatchEvent(new Event('change'));
    await element.updateComplete;
    const number = getByRole(element, 'textbox', { name: "Customer's number" }) as HTMLInputElement;
    expect(number.value).to.equal('+1 415 555 0199');
    number.value = '+1 415 555 0198 ';
    number.dispatchEvent(new Event('input'));
    (queryAllByRole(element, 'radio')[1] as HTMLInputElement).click();
    await element.updateComplete;
    expect(shownText(element.renderRoot as unknown as HTMLElement)).to.contain('Your device rings first');
    const fired = recordIntents(document.body);
    callButton(element).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'callback', ask: { to: 'place', number: '+1 415 555 0198', device: DESK_PHONE.contact, record: MARIA } }]);
  });

  it('no device at all: Call is disabled, and the agent is told to activate a device first', async () => {
    const element = await dialogWith({ numbers: [], thisBrowser: false, devices: [] });
    expect(devices(element)).to.deep.equal([]);
    expect(shownText(getByRole(element, 'alert'))).to.match(/^No device can ring: activate a device first/);
    expect(callButton(element).disabled).to.equal(true);
  });

  it('Escape closes it without calling, and says so to the controller', async () => {
    const element = await dialogWith({ numbers: ['+14155550100'], thisBrowser: true, devices: [] });
    const fired = recordIntents(document.body);
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'callback', ask: { to: 'close' } }]);
    expect((element.renderRoot.querySelector('dialog') as HTMLDialogElement).open).to.equal(false);
  });
});

describe('<cp-callback-dialog> scheduling', () => {
  const SCHEDULED = [{ id: 'a0C000000000001AAA', at: new Date(2027, 0, 6, 10, 30).getTime(), number: '+14155550100', name: 'Maria Lopez', recordId: MARIA.recordId }];

  it('schedules the call instead: the date and time in the agent\'s own time zone (named), sent as that instant with the number and the record', async () => {
    const element = await dialogWith({ record: MARIA, numbers: ['(415) 555-0100'], thisBrowser: true, devices: [], scheduled: [] });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const at = element.renderRoot.querySelector<HTMLInputElement>('#schedule-at')!;
    expect(accessibleName(at)).to.equal(`Date and time (your time, ${zone})`);
    expect(shownText(element.renderRoot as unknown as HTMLElement)).to.contain('No scheduled calls.');
    at.value = '2027-01-06T10:30';
    const fired = recordIntents(document.body);
    getByRole(element, 'button', { name: 'Schedule' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'callback', ask: { to: 'schedule', number: '(415) 555-0100', at: new Date(2027, 0, 6, 10, 30).toISOString(), record: MARIA } }]);
    expect(getByRole(element, 'dialog')).to.exist;
  });

  it('lists the agent\'s scheduled calls (when, who, number); Move sends the new time, Cancel cancels that one', async () => {
    const element = await dialogWith({ record: MARIA, numbers: [], thisBrowser: true, devices: [], scheduled: SCHEDULED });
    const list = getByRole(element, 'list', { name: 'Your scheduled calls' });
    const row = shownText(list);
    for (const expected of ['Maria Lopez', '+14155550100', new Date(SCHEDULED[0]!.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })]) expect(row).to.contain(expected);
    const newTime = getByRole(element, 'textbox', { name: 'New time for Maria Lopez' }) as HTMLInputElement;
    newTime.value = '2027-01-07T11:00';
    const fired = recordIntents(document.body);
    getByRole(element, 'button', { name: 'Move' }).click();
    getByRole(element, 'button', { name: 'Cancel the call to Maria Lopez' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([
      { type: 'callback', ask: { to: 'move', id: SCHEDULED[0]!.id, at: new Date(2027, 0, 7, 11, 0).toISOString() } },
      { type: 'callback', ask: { to: 'cancel-scheduled', id: SCHEDULED[0]!.id } },
    ]);
  });
});
