import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-decline-dialog.ts';
import type { CpDeclineDialog } from './cp-decline-dialog.ts';
import { DECLINE_REASONS, HOSTILE_TEXT } from '../test-support/snapshots.ts';
import { accessibleName, deepQueryAll, getByRole, queryAllByRole, focused, recordIntents, shownText } from '../test-support/queries.ts';

interface Declining {
  readonly element: CpDeclineDialog;
  readonly opener: HTMLButtonElement;
}

/** A page with a Decline button and the dialog, the agent having pressed Decline. */
async function declining(reasons: readonly string[] = DECLINE_REASONS): Promise<Declining> {
  const host = await fixture<HTMLElement>(html`<div><button type="button">Decline</button><cp-decline-dialog .reasons=${reasons}></cp-decline-dialog></div>`);
  const opener = host.querySelector('button')!;
  const element = host.querySelector('cp-decline-dialog')!;
  opener.focus();
  await element.decline({ interactionId: 'chat-0Mw5e002', subject: 'Chat with Omar Haddad', opener });
  return { element, opener };
}

function reasons(element: CpDeclineDialog): HTMLElement[] {
  return queryAllByRole(getByRole(element, 'listbox', { name: 'Why are you declining?' }), 'option');
}

async function press(element: CpDeclineDialog, key: string): Promise<void> {
  await sendKeys({ press: key });
  await element.updateComplete;
}

describe('<cp-decline-dialog>', () => {
  it('asks why in a modal dialog named after the work, listing the reasons in the admin order, focus on the first', async () => {
    const { element } = await declining();
    const dialog = getByRole(element, 'dialog');
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect((dialog as HTMLDialogElement).open).to.equal(true);
    expect(accessibleName(dialog)).to.equal('Decline: Chat with Omar Haddad');
    expect(reasons(element).map(shownText)).to.deep.equal(['Too busy', 'Missing skill', 'End of shift']);
    expect(focused()).to.equal(reasons(element)[0]);
    expect(reasons(element).map((option) => option.getAttribute('aria-selected'))).to.deep.equal(['true', 'false', 'false']);
  });

  it('declines with the reason the agent clicks, and closes', async () => {
    const { element, opener } = await declining();
    const fired = recordIntents(document.body);
    reasons(element)[1]!.click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: 'chat-0Mw5e002', reason: 'Missing skill' }]);
    expect(element.open).to.equal(false);
    expect(focused()).to.equal(opener);
  });

  it('works from the keyboard: the arrows, Home and End move, Return declines with the reason reached', async () => {
    const { element, opener } = await declining();
    const fired = recordIntents(document.body);
    await press(element, 'ArrowDown');
    expect(focused()).to.equal(reasons(element)[1]);
    await press(element, 'End');
    expect(shownText(focused()!)).to.equal('End of shift');
    await press(element, 'ArrowDown');
    expect(shownText(focused()!)).to.equal('End of shift');
    await press(element, 'Home');
    await press(element, 'ArrowUp');
    expect(shownText(focused()!)).to.equal('Too busy');
    await press(element, 'ArrowDown');
    await press(element, 'ArrowDown');
    expect(fired.intents).to.deep.equal([]);
    await press(element, 'Enter');
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: 'chat-0Mw5e002', reason: 'End of shift' }]);
    expect(element.open).to.equal(false);
    expect(focused()).to.equal(opener);
  });

  it('declines with Space too', async () => {
    const { element } = await declining();
    const fired = recordIntents(document.body);
    await press(element, 'ArrowDown');
    await press(element, 'Space');
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: 'chat-0Mw5e002', reason: 'Missing skill' }]);
  });

  it('closes on Escape or Cancel without declining, and gives focus back to Decline', async () => {
    for (const how of ['Escape', 'Cancel'] as const) {
      const { element, opener } = await declining();
      const fired = recordIntents(document.body);
      await press(element, 'ArrowDown');
      if (how === 'Escape') await press(element, 'Escape');
      else getByRole(element, 'button', { name: 'Cancel' }).click();
      await element.updateComplete;
      fired.stop();
      expect(fired.intents, how).to.deep.equal([]);
      expect(element.open, how).to.equal(false);
      expect(queryAllByRole(element, 'dialog'), how).to.have.length(0);
      expect(focused(), how).to.equal(opener);
    }
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { element } = await declining();
    const cancel = getByRole(element, 'button', { name: 'Cancel' });
    await press(element, 'ArrowDown');
    await press(element, 'Tab');
    expect(focused()).to.equal(cancel);
    await press(element, 'Tab');
    expect(focused()).to.equal(reasons(element)[1]);
    await press(element, 'Shift+Tab');
    expect(focused()).to.equal(cancel);
  });

  it('opens fresh each time, on the first reason', async () => {
    const { element, opener } = await declining();
    await press(element, 'End');
    await press(element, 'Escape');
    await element.decline({ interactionId: 'email-2', subject: 'Email with Ann Smith', opener });
    expect(accessibleName(getByRole(element, 'dialog'))).to.equal('Decline: Email with Ann Smith');
    expect(focused()).to.equal(reasons(element)[0]);
  });

  it('declines at once, without a reason and without asking, when no reasons are set up', async () => {
    const fired = recordIntents(document.body);
    const { element } = await declining([]);
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: 'chat-0Mw5e002' }]);
    expect(element.open).to.equal(false);
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
  });

  it('leaves blank reasons out', async () => {
    const { element } = await declining(['Too busy', ' ', '']);
    expect(reasons(element).map(shownText)).to.deep.equal(['Too busy']);
  });

  it('renders markup in reasons as text', async () => {
    const { element } = await declining([HOSTILE_TEXT]);
    expect(reasons(element).map(shownText)).to.deep.equal([HOSTILE_TEXT]);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
  });
});
