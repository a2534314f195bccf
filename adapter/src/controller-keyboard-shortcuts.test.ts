/**
 * The keyboardShortcuts item is read after the first paint (off the ring path): until then the
 * snapshot offers no keys; then the agent's keys, and a wrong entry is told like any setting.
 */
import { expect } from '@open-wc/testing';
import { Controller } from './controller.ts';
import { readWith } from '../test-support/call-center-settings.ts';

describe('the keyboard shortcuts, read after the first paint', () => {
  it('offers the call center\'s keys once read, and tells the admin\'s mistakes as configuration notices', async () => {
    const { settings, problems } = readWith({ '/ContactPad/keyboardShortcuts': 'accept=Ctrl+Alt+1; mute=none; hold=Shift+H' });
    expect(problems, 'the settings themselves do not read the item').to.deep.equal([]);
    const controller = new Controller(settings);
    expect(controller.store.snapshot.shortcuts).to.deep.equal([]);

    await controller.loadKeyboardShortcuts();
    const { shortcuts, notices } = controller.store.snapshot;
    expect(shortcuts.map((shortcut) => `${shortcut.action} ${shortcut.label}`)).to.deep.equal([
      'accept Control+Alt+1',
      'reject Alt+Shift+R',
      'hold Alt+Shift+H',
      'release Alt+Shift+E',
    ]);
    expect(notices.map((notice) => `${notice.code}: ${notice.message}`)).to.deep.equal([
      'INVALID_CONFIGURATION: /ContactPad/keyboardShortcuts: hold: Shift+H needs Alt, Ctrl or Meta, or it would fire while the agent types; hold keeps its default',
    ]);
  });

  it('a blank item gives the default keys and no notice', async () => {
    const controller = new Controller(readWith({}).settings);
    await controller.loadKeyboardShortcuts();
    expect(controller.store.snapshot.shortcuts.map((shortcut) => shortcut.label)).to.deep.equal(['Alt+Shift+A', 'Alt+Shift+R', 'Alt+Shift+H', 'Alt+Shift+M', 'Alt+Shift+E']);
    expect(controller.store.snapshot.notices).to.deep.equal([]);
  });
});
