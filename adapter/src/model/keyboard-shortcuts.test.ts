import { expect } from '@open-wc/testing';
import { DEFAULT_SHORTCUTS, parseKeyCombination, readKeyboardShortcuts, shortcutLabel, shortcutViews } from './keyboard-shortcuts.ts';

function labels(shortcuts: ReturnType<typeof readKeyboardShortcuts>): Record<string, string> {
  return Object.fromEntries(Object.entries(shortcuts).map(([action, keys]) => [action, keys ? shortcutLabel(keys) : 'none']));
}

describe('keyboard shortcuts', () => {
  it('default to Alt+Shift and A, R, H, M, E when the call center sets none', () => {
    const problems: string[] = [];
    expect(labels(readKeyboardShortcuts('', problems))).to.deep.equal({
      accept: 'Alt+Shift+A',
      reject: 'Alt+Shift+R',
      hold: 'Alt+Shift+H',
      mute: 'Alt+Shift+M',
      release: 'Alt+Shift+E',
    });
    expect(readKeyboardShortcuts(undefined, problems)).to.equal(DEFAULT_SHORTCUTS);
    expect(problems).to.deep.equal([]);
  });

  it("take the admin's keys for the actions named, in any case and spacing, and keep the defaults for the rest", () => {
    const problems: string[] = [];
    const shortcuts = readKeyboardShortcuts(' ACCEPT = ctrl+alt+1 ; release=Meta+F4;mute=none ', problems);
    expect(labels(shortcuts)).to.deep.equal({ accept: 'Control+Alt+1', reject: 'Alt+Shift+R', hold: 'Alt+Shift+H', mute: 'none', release: 'Meta+F4' });
    expect(problems).to.deep.equal([]);
  });

  it('name what is wrong in a malformed item, and keep the default of the action it meant', () => {
    const problems: string[] = [];
    const shortcuts = readKeyboardShortcuts('accept=Shift+A; hold=Alt+Hyper+H; answer=Alt+Shift+Q; release; mute=Alt+Shift+é', problems);
    expect(labels(shortcuts)).to.deep.equal(labels(DEFAULT_SHORTCUTS));
    expect(problems).to.deep.equal([
      '/ContactPad/keyboardShortcuts: accept: Shift+A needs Alt, Ctrl or Meta, or it would fire while the agent types; accept keeps its default',
      '/ContactPad/keyboardShortcuts: hold: "Hyper" is not a modifier (Alt, Ctrl, Shift or Meta); hold keeps its default',
      '/ContactPad/keyboardShortcuts: "answer=Alt+Shift+Q" is not action=keys with an action of accept, reject, hold, mute, release; it is ignored',
      '/ContactPad/keyboardShortcuts: "release" is not action=keys with an action of accept, reject, hold, mute, release; it is ignored',
      '/ContactPad/keyboardShortcuts: mute: "é" is not a key ContactPad can use (a letter, a digit or F1-F12); mute keeps its default',
    ]);
    const notText: string[] = [];
    expect(readKeyboardShortcuts(42, notText)).to.equal(DEFAULT_SHORTCUTS);
    expect(notText).to.have.length(1);
  });

  it('turn off the second of two actions given the same keys, saying so', () => {
    const problems: string[] = [];
    const shortcuts = readKeyboardShortcuts('accept=Alt+Shift+A; release=Shift+Alt+A', problems);
    expect(shortcuts.release).to.equal(null);
    expect(shortcuts.accept && shortcutLabel(shortcuts.accept)).to.equal('Alt+Shift+A');
    expect(problems).to.deep.equal(['/ContactPad/keyboardShortcuts: release and accept have the same keys (Alt+Shift+A); release is turned off']);
  });

  it('reach the widget as the shortcuts that are on, each with its keys in words', () => {
    const views = shortcutViews(readKeyboardShortcuts('mute=none; hold=Ctrl+Alt+F2', []));
    expect(views.map((view) => [view.action, view.code, view.label])).to.deep.equal([
      ['accept', 'KeyA', 'Alt+Shift+A'],
      ['reject', 'KeyR', 'Alt+Shift+R'],
      ['hold', 'F2', 'Control+Alt+F2'],
      ['release', 'KeyE', 'Alt+Shift+E'],
    ]);
  });

  it('accept a function key alone (no character is typed with it)', () => {
    const f9 = parseKeyCombination('F9');
    expect(f9).to.deep.equal({ code: 'F9', alt: false, ctrl: false, shift: false, meta: false });
    expect(parseKeyCombination('F13')).to.have.property('problem');
  });
});
