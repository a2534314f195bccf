import { expect, fixture, html } from '@open-wc/testing';
import './cp-call-pop.ts';
import type { CpCallPop } from './cp-call-pop.ts';
import type { InteractionView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { sendKeys } from '@web/test-runner-commands';
import { DECLINE_REASONS, HOSTILE_TEXT, NOW, annLead, lookup, recentJourney, ringing, sharedNumberMatches, view } from '../test-support/snapshots.ts';
import { accessibleName, composedText, deepQueryAll, findByRole, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';
import { waitUntil } from '../../adapter/test-support/wait-for.ts';
import { openedVideoWindows } from './video-window-opener.ts';

async function pop(callView: InteractionView, declineReasons: readonly string[] = DECLINE_REASONS): Promise<CpCallPop> {
  return afterFirstPaint(await fixture<CpCallPop>(html`<cp-call-pop .view=${callView} .declineReasons=${declineReasons} .clock=${new FakeClock(NOW)}></cp-call-pop>`));
}

/** Waits for the pop's decline dialog to load and render (lazy-elements.ts), then returns the open dialog. */
async function declineDialog(element: CpCallPop): Promise<HTMLElement> {
  const open = await findByRole(element, 'dialog');
  await element.shadowRoot!.querySelector('cp-decline-dialog')!.updateComplete;
  return open;
}

function field(element: CpCallPop, className: string): string {
  const found = element.shadowRoot!.querySelector(`.${className}`);
  if (!found) throw new Error(`no .${className}`);
  return shownText(found);
}

describe('<cp-call-pop>', () => {
  it('shows the kind, caller, label, Call To, queue and ad source of a ringing call', async () => {
    const element = await pop(ringing);
    const text = shownText(element);
    expect(text).to.equal(
      'Voice call Lead Ann Smith +1 415 555 0100 Why this record Call To San Francisco showroom Queue Sales Ad Source Google Ads — Spring Sale Accept Reject',
    );
    expect(getByRole(element, 'region').getAttribute('aria-label')).to.equal('Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales');
  });

  it('accepts and rejects its own interaction through buttons named Accept and Reject', async () => {
    const element = await pop(ringing);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Accept' }).click();
    getByRole(element, 'button', { name: 'Reject' }).click();
    expect(fired.intents).to.deep.equal([
      { type: 'accept', interactionId: 'ci-7f3a2c10' },
      { type: 'reject', interactionId: 'ci-7f3a2c10' },
    ]);
  });

  it('shows only the answer buttons the store allows', async () => {
    expect(queryAllByRole(await pop(view({}, { actions: ['accept'] })), 'button').map(shownText)).to.deep.equal(['Accept']);
    expect(queryAllByRole(await pop(view({}, { actions: [] })), 'button')).to.have.length(0);
  });

  it('pops a chat, an email or a case offered without auto-accept the same way, with the kind in words, Accept and Decline', async () => {
    for (const [channel, words] of [
      ['chat', 'Chat'],
      ['email', 'Email'],
      ['case', 'Case'],
    ] as const) {
      const element = await pop(view({ id: `w-${channel}`, channel, callerNumber: '', queue: 'Web' }));
      expect(field(element, 'kind')).to.equal(words);
      expect(shownText(element.shadowRoot!.querySelector('dl')!)).to.equal('Queue Web');
      expect(getByRole(element, 'region').getAttribute('aria-label')).to.equal(`Incoming ${words.toLowerCase()} from Ann Smith, queue Web`);
      expect(queryAllByRole(element, 'button').map(accessibleName)).to.deep.equal(['Accept', 'Decline']);
      const fired = recordIntents(element);
      getByRole(element, 'button', { name: 'Accept' }).click();
      expect(fired.intents).to.deep.equal([{ type: 'accept', interactionId: `w-${channel}` }]);
    }
  });

  it('declines a chat, an email or a case with the reason the agent picks, and Reject of a call asks nothing', async () => {
    const element = await pop(view({ id: 'chat-1', channel: 'chat', callerNumber: '', queue: 'Web chat' }));
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Decline' }).click();
    const dialog = await declineDialog(element);
    expect(accessibleName(dialog)).to.equal('Decline: Chat with Ann Smith');
    expect(queryAllByRole(dialog, 'option').map(shownText)).to.deep.equal([...DECLINE_REASONS]);
    expect(fired.intents).to.deep.equal([]);
    getByRole(dialog, 'option', { name: 'Missing skill' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: 'chat-1', reason: 'Missing skill' }]);
    fired.stop();

    const call = await pop(ringing);
    const callFired = recordIntents(call);
    getByRole(call, 'button', { name: 'Reject' }).click();
    await call.shadowRoot!.querySelector('cp-decline-dialog')!.updateComplete;
    expect(queryAllByRole(call, 'dialog')).to.have.length(0);
    expect(callFired.intents).to.deep.equal([{ type: 'reject', interactionId: 'ci-7f3a2c10' }]);
  });

  it('declines from the keyboard: Return on Decline, the arrows and Return; focus returns to Decline after Escape', async () => {
    const element = await pop(view({ id: 'email-1', channel: 'email', callerNumber: '', queue: 'Support mail' }));
    const decline = getByRole(element, 'button', { name: 'Decline' });
    decline.focus();
    const fired = recordIntents(element);
    await sendKeys({ press: 'Enter' });
    await declineDialog(element);
    await sendKeys({ press: 'Escape' });
    await element.shadowRoot!.querySelector('cp-decline-dialog')!.updateComplete;
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(element.shadowRoot!.activeElement).to.equal(decline);
    await sendKeys({ press: 'Enter' });
    await declineDialog(element);
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: 'email-1', reason: 'End of shift' }]);
  });

  it('declines a case at once, without a reason, when no decline reasons are set up', async () => {
    const element = await pop(view({ id: 'case-1', channel: 'case', callerNumber: '', queue: 'Returns' }), []);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Decline' }).click();
    await waitUntil(() => fired.intents.length > 0, 'the decline (once the decline dialog module has loaded)');
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: 'case-1' }]);
  });

  it("pops a video call with its own fields (name, number, Call To, Queue: no Ad Source), blank when not given", async () => {
    expect(shownText(await pop(view({ channel: 'video' }), []))).to.equal('Video call Lead Ann Smith +1 415 555 0100 Why this record Call To San Francisco showroom Queue Sales Accept Reject');
    const blank = await pop(view({ channel: 'video', callerName: '', callerNumber: '', location: '', queue: '' }, { caller: { state: 'pending' } }));
    expect([field(blank, 'name'), field(blank, 'number'), field(blank, 'location'), field(blank, 'queue')]).to.deep.equal(['', '', '', '']);
  });

  it("opens a video call's window on Accept (the click is the gesture the browser asks for), then accepts", async () => {
    const opened: string[] = [];
    const original = window.open;
    window.open = (url?: string | URL, target?: string) => {
      opened.push(`${String(url)} ${target ?? ''}`);
      return null;
    };
    try {
      const element = await pop(view({ id: 'ci-video-9', channel: 'video' }));
      const fired = recordIntents(element);
      getByRole(element, 'button', { name: 'Accept' }).click();
      expect(opened).to.deep.equal([' contactpad-video-ci_video_9']);
      expect(fired.intents).to.deep.equal([{ type: 'accept', interactionId: 'ci-video-9' }]);
      expect(openedVideoWindows.get('ci-video-9')).to.equal(null);
      getByRole(await pop(ringing), 'button', { name: 'Accept' }).click();
      expect(opened, 'a voice call opens no window').to.have.length(1);
    } finally {
      window.open = original;
      openedVideoWindows.clear();
    }
  });

  it('names video calls and callbacks by their kind', async () => {
    expect(field(await pop(view({ channel: 'video' })), 'kind')).to.equal('Video call');
    expect(field(await pop(view({ channel: 'callback' })), 'kind')).to.equal('Callback');
  });

  it('leaves missing caller name, queue, Call To and ad source blank, with no placeholder text', async () => {
    const element = await pop(view({ callerName: '', queue: '', location: '', adSource: '' }));
    expect(field(element, 'name')).to.equal('');
    expect(field(element, 'queue')).to.equal('');
    expect(field(element, 'location')).to.equal('');
    expect(field(element, 'ad-source')).to.equal('');
    expect(field(element, 'number')).to.equal('+1 415 555 0100');
    const text = shownText(element);
    for (const filler of ['undefined', 'null', 'N/A', 'Unknown caller']) expect(text).not.to.contain(filler);
    expect(getByRole(element, 'region').getAttribute('aria-label')).to.equal('Incoming voice call from +1 415 555 0100');
  });

  it('shows every label the caller earned: a Customer who is also an open Lead shows green Lead and orange Customer', async () => {
    const customer = sharedNumberMatches[0]!;
    const element = await pop(view({}, { caller: lookup({ labels: ['Lead', 'Customer'], matches: [annLead, customer] }) }));
    const labels = getByRole(element, 'list', { name: 'Caller label' });
    const items = queryAllByRole(labels, 'listitem');
    expect(items.map((item) => item.textContent)).to.deep.equal(['Lead', 'Customer']);
    expect(items.map((item) => getComputedStyle(item).backgroundColor)).to.deep.equal(['rgb(46, 132, 74)', 'rgb(254, 147, 57)']);
    const unknown = await pop(view({}, { caller: lookup({ labels: ['Unknown'], matches: [] }) }));
    expect(getComputedStyle(queryAllByRole(unknown, 'listitem')[0]!).backgroundColor).to.equal('rgb(229, 229, 229)');
  });

  it('explains, on request, why the record that pops matched: label, field and rule', async () => {
    const customer = sharedNumberMatches[0]!;
    const element = await pop(view({}, { caller: lookup({ labels: ['Lead', 'Customer'], matches: [annLead, customer] }) }));
    expect(shownText(element)).not.to.contain('Open leads');
    element.shadowRoot!.querySelector('cp-why-record')!.shadowRoot!.querySelector('summary')!.click();
    expect(shownText(element)).to.contain('Why this record Lead · matched Mobile phone (rule: Open leads)');
    expect(shownText(element)).not.to.contain('rule: Customers');
  });

  it('does not tell the agent that the lookup came from the cache', async () => {
    const fresh = shownText(await pop(view({}, { caller: lookup({ cached: false }) })));
    const cached = await pop(view({}, { caller: lookup({ cached: true }) }));
    expect(shownText(cached)).to.equal(fresh);
    expect(composedText(cached).toLowerCase()).not.to.contain('cache');
  });

  it('asks which record is the caller when the winning rule matched several, and explains the one picked', async () => {
    const caller = lookup({ labels: ['Customer'], matches: sharedNumberMatches, pick: sharedNumberMatches });
    const element = await pop(view({}, { caller }));
    const listbox = await findByRole(element, 'listbox', { name: 'Which record is the caller?' });
    expect(queryAllByRole(listbox, 'option').map(shownText)).to.deep.equal([
      'Bob Jones Contact · Customer · matched Phone',
      'Beth Jones Contact · Customer · matched Home phone',
      'Jones Hardware Account · Customer · matched Phone',
    ]);
    expect(deepQueryAll(element, 'cp-why-record')).to.have.length(0);
    const fired = recordIntents(element);
    queryAllByRole(listbox, 'option')[2]!.click();
    expect(fired.intents).to.deep.equal([{ type: 'pick-record', interactionId: 'ci-7f3a2c10', recordId: '0015e00000JoNeSAAA' }]);

    element.view = view({}, { caller: { ...caller, pickedId: '0015e00000JoNeSAAA' } });
    await element.updateComplete;
    const picker = element.shadowRoot!.querySelector('cp-record-picker')!;
    await picker.updateComplete;
    expect(queryAllByRole(element, 'option').map((option) => option.getAttribute('aria-selected'))).to.deep.equal(['false', 'false', 'true']);
    const why = element.shadowRoot!.querySelector('cp-why-record')!;
    await why.updateComplete;
    why.shadowRoot!.querySelector('summary')!.click();
    expect(shownText(why)).to.equal('Why this record Customer · Account · matched Phone (rule: Customers)');
  });

  it("shows the caller's recent interactions, each opening its Task", async () => {
    const element = await pop(view({}, { caller: lookup({ journey: recentJourney }) }));
    const journey = await findByRole(element, 'list', { name: 'Recent interactions' });
    expect(queryAllByRole(journey, 'listitem').map(shownText)).to.deep.equal([
      'Callback Maria Lopez · Ended 1 day ago',
      'Chat Sam Lee · Transferring 3 days ago',
      'Voice call Failed 40 days ago',
    ]);
    const fired = recordIntents(element);
    queryAllByRole(journey, 'button')[0]!.click();
    expect(fired.intents).to.deep.equal([{ type: 'open-record', recordId: '00T5e00000TaSk0001' }]);
  });

  it('shows no picker and no journey box when there is neither', async () => {
    const element = await pop(ringing);
    expect(deepQueryAll(element, 'cp-record-picker, cp-journey')).to.have.length(0);
    expect(queryAllByRole(element, 'listbox')).to.have.length(0);
  });

  it('says the caller is being looked up while Salesforce has not answered', async () => {
    const element = await pop(view({}, { caller: { state: 'pending' } }));
    expect(shownText(element)).to.contain('Looking up caller…');
    expect(queryAllByRole(element, 'list', { name: 'Caller label' })).to.have.length(0);
  });

  it('shows a failed lookup as an alert and still lets the agent accept the call', async () => {
    const element = await pop(
      view({}, { caller: { state: 'failed', code: 'CRM_SESSION_EXPIRED', message: 'Salesforce session expired: caller not looked up.' } }),
    );
    expect(getByRole(element, 'alert').textContent).to.equal('Salesforce session expired: caller not looked up.');
    const fired = recordIntents(element);
    const accept = getByRole(element, 'button', { name: 'Accept' }) as HTMLButtonElement;
    expect(accept.disabled).to.equal(false);
    accept.click();
    expect(fired.intents).to.deep.equal([{ type: 'accept', interactionId: 'ci-7f3a2c10' }]);
  });

  it('renders markup in caller-supplied fields as plain text and creates no element from it', async () => {
    const element = await pop(
      view({ callerName: HOSTILE_TEXT, callerNumber: '<b>555</b>', queue: HOSTILE_TEXT, location: '<script>alert(1)</script>', adSource: HOSTILE_TEXT }),
    );
    expect(field(element, 'name')).to.equal(HOSTILE_TEXT);
    expect(field(element, 'number')).to.equal('<b>555</b>');
    expect(field(element, 'location')).to.equal('<script>alert(1)</script>');
    expect(field(element, 'ad-source')).to.equal(HOSTILE_TEXT);
    expect(deepQueryAll(element, 'img, b, script')).to.have.length(0);
    expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('keeps Accept and Reject visible and clickable in a softphone-sized panel when every caller value is 128 characters, the whole value in its tooltip', async () => {
    // The local console's softphone panel is 358 x 560 px; the phone status and agent card take the top 230.
    const long = (word: string) => `${word} `.repeat(128).slice(0, 127) + 'Z';
    const values = { callerName: long('Bartholomew'), callerNumber: `+1 ${'4'.repeat(60)}`, queue: 'Q'.repeat(128), location: long('Location'), adSource: long('ad source') };
    const panel = await fixture<HTMLDivElement>(html`<div style="width: 358px; height: 330px; overflow: hidden"><cp-call-pop .view=${view(values)} .declineReasons=${DECLINE_REASONS} .clock=${new FakeClock(NOW)}></cp-call-pop></div>`);
    const element = await afterFirstPaint(panel.querySelector('cp-call-pop')!);
    const box = panel.getBoundingClientRect();
    for (const name of ['Accept', 'Reject']) {
      const button = getByRole(element, 'button', { name });
      const rect = button.getBoundingClientRect();
      expect(rect.top >= box.top && rect.bottom <= box.bottom && rect.left >= box.left && rect.right <= box.right, `${name} at ${JSON.stringify(rect)} inside ${JSON.stringify(box)}`).to.equal(true);
      expect(element.shadowRoot!.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2), `${name} is what a click there reaches`).to.equal(button);
    }
    for (const [className, key] of [['name', 'callerName'], ['number', 'callerNumber'], ['queue', 'queue'], ['location', 'location'], ['ad-source', 'adSource']] as const) {
      const shown = element.shadowRoot!.querySelector(`.${className}`)!;
      expect(shown.getAttribute('title'), className).to.equal(values[key]);
      expect(shownText(shown), `${className}: the whole value is still the text a screen reader reads`).to.equal(values[key]);
    }
  });

  it('renders markup in Salesforce record names, rules and journey entries as plain text', async () => {
    const hostile = { ...annLead, name: HOSTILE_TEXT, rule: HOSTILE_TEXT };
    const element = await pop(
      view({}, { caller: lookup({ matches: [hostile, sharedNumberMatches[0]!], pick: [hostile, sharedNumberMatches[0]!], pickedId: annLead.id, journey: [{ ...recentJourney[0]!, agent: HOSTILE_TEXT }] }) }),
    );
    await findByRole(element, 'list', { name: 'Recent interactions' });
    expect(composedText(element)).to.contain(`${HOSTILE_TEXT} Lead · matched Mobile phone`);
    expect(composedText(element)).to.contain(`(rule: ${HOSTILE_TEXT})`);
    expect(composedText(element)).to.contain(`${HOSTILE_TEXT} · Ended`);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
    expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });
});
