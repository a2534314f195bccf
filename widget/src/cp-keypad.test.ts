import { expect, fixture, html } from '@open-wc/testing';
import './cp-keypad.ts';
import type { CpKeypad } from './cp-keypad.ts';
import { getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

async function keypad(): Promise<CpKeypad> {
  const element = await fixture<CpKeypad>(html`<cp-keypad .interactionId=${'ci-1'}></cp-keypad>`);
  await element.updateComplete;
  return element;
}

/** Types `key` with the focus on the keypad's first key. */
function type(element: CpKeypad, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  element.shadowRoot!.querySelector('button')!.dispatchEvent(event);
  return event;
}

const digits = (intents: readonly { type: string }[]) => intents.map((intent) => (intent as { digits?: string }).digits);

describe('<cp-keypad>', () => {
  it('has the sixteen keys in keypad order, * and # named as said aloud', async () => {
    const element = await keypad();
    const keys = queryAllByRole(getByRole(element, 'group', { name: 'Keypad' }), 'button');
    expect(keys.map((key) => key.textContent)).to.deep.equal([...'123A456B789C*0#D']);
    expect(getByRole(element, 'button', { name: 'Star' }).textContent).to.equal('*');
    expect(getByRole(element, 'button', { name: 'Pound' }).textContent).to.equal('#');
  });

  it('sends each clicked key at once, for this call, and shows what was sent', async () => {
    const element = await keypad();
    const fired = recordIntents(element);
    for (const name of ['1', '2', 'Pound']) getByRole(element, 'button', { name }).click();
    expect(fired.intents).to.deep.equal([
      { type: 'send-dtmf', interactionId: 'ci-1', digits: '1' },
      { type: 'send-dtmf', interactionId: 'ci-1', digits: '2' },
      { type: 'send-dtmf', interactionId: 'ci-1', digits: '#' },
    ]);
    await element.updateComplete;
    expect(shownText(element)).to.contain('Sent: 12#');
  });

  it('sends keys typed on the keyboard (a-d as A-D, a comma as a pause)', async () => {
    const element = await keypad();
    const fired = recordIntents(element);
    for (const key of ['9', '*', 'b', ',', '0']) expect(type(element, key).defaultPrevented, key).to.equal(true);
    expect(digits(fired.intents)).to.deep.equal(['9', '*', 'B', ',', '0']);
  });

  it('refuses a typed character that is no key, saying so, and sends nothing for it', async () => {
    const element = await keypad();
    const fired = recordIntents(element);
    type(element, 'x');
    await element.updateComplete;
    expect(fired.intents).to.deep.equal([]);
    expect(shownText(element)).to.contain('"x" is not a keypad key: use 0-9, *, # or A-D.');
    type(element, '5');
    await element.updateComplete;
    expect(digits(fired.intents)).to.deep.equal(['5']);
    expect(shownText(element), 'the refusal goes once a key is sent').not.to.contain('is not a keypad key');
  });

  it('leaves Space, Enter, Tab, the arrows and shortcuts alone, and closes on Escape', async () => {
    const element = await keypad();
    const fired = recordIntents(element);
    let closed = 0;
    element.addEventListener('keypad-close', () => (closed += 1));
    for (const key of [' ', 'Enter', 'Tab', 'ArrowDown', 'Shift']) expect(type(element, key).defaultPrevented, key).to.equal(false);
    const copy = new KeyboardEvent('keydown', { key: 'c', ctrlKey: true, bubbles: true, composed: true, cancelable: true });
    element.shadowRoot!.querySelector('button')!.dispatchEvent(copy);
    expect(copy.defaultPrevented).to.equal(false);
    expect(fired.intents).to.deep.equal([]);
    type(element, 'Escape');
    expect(closed).to.equal(1);
  });
});
