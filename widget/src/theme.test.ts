import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import './cp-call-pop.ts';
import type { CpCallPop } from './cp-call-pop.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { NOW, ringing } from '../test-support/snapshots.ts';
import { getByRole } from '../test-support/queries.ts';

async function acceptButton(): Promise<HTMLElement> {
  const pop = await fixture<CpCallPop>(html`<cp-call-pop .view=${ringing} .declineReasons=${[]} .clock=${new FakeClock(NOW)}></cp-call-pop>`);
  return getByRole(pop, 'button', { name: 'Accept' });
}

describe('the theme', () => {
  afterEach(async () => {
    document.documentElement.style.removeProperty('--slds-g-color-success-base-50');
    await emulateMedia({ forcedColors: 'none' });
  });

  it("uses SLDS's default success green for Accept where the page sets no styling hook", async () => {
    expect(getComputedStyle(await acceptButton()).backgroundColor).to.equal('rgb(46, 132, 74)');
  });

  it("follows the console theme's styling hook through every shadow root", async () => {
    document.documentElement.style.setProperty('--slds-g-color-success-base-50', 'rgb(10, 110, 60)');
    expect(getComputedStyle(await acceptButton()).backgroundColor).to.equal('rgb(10, 110, 60)');
  });

  it('gives way to the system colours in forced-colors (high contrast) mode', async () => {
    document.documentElement.style.setProperty('--slds-g-color-success-base-50', 'rgb(10, 110, 60)');
    await emulateMedia({ forcedColors: 'active' });
    const accept = await acceptButton();
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    // The theme's tokens name system colours (so borders, dots and labels keep a contrast the agent chose) ...
    expect(getComputedStyle(accept).getPropertyValue('--cp-success').trim()).to.equal('ButtonText');
    expect(getComputedStyle(accept).getPropertyValue('--cp-brand').trim()).to.equal('Highlight');
    // ... and the console's hook no longer paints the button.
    expect(getComputedStyle(accept).backgroundColor).to.not.equal('rgb(10, 110, 60)');
  });
});
