import { expect, fixture, html } from '@open-wc/testing';
import './cp-dialer.ts';
import type { CpDialer } from './cp-dialer.ts';
import { getByRole, recordIntents } from '../test-support/queries.ts';

async function typeNumber(dialer: CpDialer, text: string): Promise<void> {
  const input = getByRole(dialer, 'textbox', { name: 'Number to call' }) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await dialer.updateComplete;
}

describe('<cp-dialer>', () => {
  it('dials the typed number when the agent presses Call', async () => {
    const dialer = await fixture<CpDialer>(html`<cp-dialer registered></cp-dialer>`);
    const fired = recordIntents(dialer);
    await typeNumber(dialer, '  +1 (415) 555-0100 ');
    getByRole(dialer, 'button', { name: 'Call' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'dial', number: '+1 (415) 555-0100' }]);
  });

  it('dials on Enter in the number field and clears it for the next call', async () => {
    const dialer = await fixture<CpDialer>(html`<cp-dialer registered></cp-dialer>`);
    const fired = recordIntents(dialer);
    await typeNumber(dialer, '2125550147');
    const input = getByRole(dialer, 'textbox', { name: 'Number to call' }) as HTMLInputElement;
    input.form?.requestSubmit();
    await dialer.updateComplete;
    expect(fired.intents).to.deep.equal([{ type: 'dial', number: '2125550147' }]);
    expect(input.value).to.equal('');
  });

  it('cannot call while the phone is not registered', async () => {
    const dialer = await fixture<CpDialer>(html`<cp-dialer></cp-dialer>`);
    const fired = recordIntents(dialer);
    await typeNumber(dialer, '2125550147');
    const call = getByRole(dialer, 'button', { name: 'Call' }) as HTMLButtonElement;
    expect(call.disabled).to.equal(true);
    call.form?.requestSubmit();
    expect(fired.intents).to.deep.equal([]);
  });

  it('sends nothing for an empty number', async () => {
    const dialer = await fixture<CpDialer>(html`<cp-dialer registered></cp-dialer>`);
    const fired = recordIntents(dialer);
    await typeNumber(dialer, '   ');
    getByRole(dialer, 'button', { name: 'Call' }).click();
    expect(fired.intents).to.deep.equal([]);
  });

  it('is enabled as soon as the phone registers', async () => {
    const dialer = await fixture<CpDialer>(html`<cp-dialer></cp-dialer>`);
    dialer.registered = true;
    await dialer.updateComplete;
    expect((getByRole(dialer, 'button', { name: 'Call' }) as HTMLButtonElement).disabled).to.equal(false);
  });
});
