import { expect } from '@open-wc/testing';
import { shortcutOf, shortcutOutcome, type KeyPress } from './shortcuts.ts';
import { NOW, SHORTCUTS, chatAlerting, connected, ringing, snapshot, view } from '../test-support/snapshots.ts';

function press(code: string, modifiers: Partial<Omit<KeyPress, 'code'>> = {}): KeyPress {
  return { code, altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, ...modifiers };
}

const alsoRinging = view({ id: 'ci-later', callerName: 'Dan Brown', callerNumber: '+1 415 555 0111', offeredAt: NOW - 2_000 });
const held = view({ id: 'ci-held', callerName: 'Eve Stone', state: 'held', answeredAt: NOW - 60_000 }, { actions: ['release', 'retrieve'] });
const muted = view({ ...connected.interaction }, { ...connected, actions: ['release', 'hold', 'unmute'], muted: true });

describe('keyboard shortcuts of a call', () => {
  it('know a shortcut by the key and exactly its modifiers, and ignore a key held down', () => {
    expect(shortcutOf(press('KeyA', { altKey: true, shiftKey: true }), SHORTCUTS)?.action).to.equal('accept');
    expect(shortcutOf(press('KeyE', { altKey: true, shiftKey: true }), SHORTCUTS)?.action).to.equal('release');
    expect(shortcutOf(press('KeyA', { altKey: true }), SHORTCUTS)).to.equal(undefined);
    expect(shortcutOf(press('KeyA', { altKey: true, shiftKey: true, ctrlKey: true }), SHORTCUTS)).to.equal(undefined);
    expect(shortcutOf(press('KeyA', { altKey: true, shiftKey: true, repeat: true }), SHORTCUTS)).to.equal(undefined);
    expect(shortcutOf(press('KeyA', { altKey: true, shiftKey: true }), [])).to.equal(undefined);
  });

  it('accept the call that rang first, or the selected ringing call', () => {
    // The list is newest first: Dan's call rang after Ann's.
    const both = snapshot({ interactions: [alsoRinging, ringing] });
    expect(shortcutOutcome('accept', both)).to.deep.equal({ intent: { type: 'accept', interactionId: ringing.interaction.id }, words: 'Accepted: Voice call with Ann Smith' });
    expect(shortcutOutcome('reject', { ...both, selectedId: 'ci-later' })).to.deep.equal({
      intent: { type: 'reject', interactionId: 'ci-later' },
      words: 'Rejected: Voice call with Dan Brown',
    });
  });

  it('leave chats, emails and cases to their buttons (a decline asks why)', () => {
    expect(shortcutOutcome('accept', snapshot({ interactions: [chatAlerting] }))).to.deep.equal({ refused: 'No call is ringing.' });
  });

  it('hold the one connected call, retrieve the one held call, unmute a muted one', () => {
    expect(shortcutOutcome('hold', snapshot({ interactions: [connected] }))).to.deep.include({ intent: { type: 'hold', interactionId: connected.interaction.id } });
    expect(shortcutOutcome('hold', snapshot({ interactions: [held] }))).to.deep.include({ intent: { type: 'retrieve', interactionId: 'ci-held' } });
    expect(shortcutOutcome('mute', snapshot({ interactions: [muted] }))).to.deep.include({ intent: { type: 'unmute', interactionId: connected.interaction.id } });
    expect(shortcutOutcome('release', snapshot({ interactions: [ringing, connected] }))).to.deep.include({ intent: { type: 'release', interactionId: connected.interaction.id } });
  });

  it('never guess between two calls: with none selected they say to select one first', () => {
    const two = snapshot({ interactions: [connected, held] });
    expect(shortcutOutcome('release', two)).to.deep.equal({ refused: 'More than one call: select the call first.' });
    expect(shortcutOutcome('release', { ...two, selectedId: 'ci-held' })).to.deep.include({ intent: { type: 'release', interactionId: 'ci-held' } });
    expect(shortcutOutcome('mute', snapshot({ interactions: [] }))).to.deep.equal({ refused: 'No call to mute or unmute.' });
  });
});
