/**
 * The agent's keyboard shortcuts for a call: Accept, Reject, Hold (and Retrieve), Mute (and
 * Unmute) and Release, as the call center's `keyboardShortcuts` item sets them, e.g.
 *
 *   accept=Alt+Shift+A; reject=Alt+Shift+R; hold=Alt+Shift+H; mute=Alt+Shift+M; release=Alt+Shift+E
 *
 * Each combination is modifiers (Alt, Ctrl, Shift, Meta, in any order) and one key: a letter,
 * a digit or F1-F12, matched by the key's position (KeyboardEvent.code: `KeyA`, `Digit1`, `F2`),
 * so Alt on a Mac keyboard (which turns A into å) and the agent's keyboard layout do not
 * change it. At least one of Alt, Ctrl or Meta is required: a shortcut must never fire while the
 * agent types notes. `none` turns a shortcut off.
 *
 * They work while the keyboard focus is in ContactPad's panel: the Lightning console loads the
 * softphone in an iframe and gives it no key events from the rest of the console, and the
 * Lightning Console JavaScript API has no way to add a console-wide shortcut (its libraries are
 * the navigation item, utility bar and workspace APIs only:
 * https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-js-getting-started.html).
 */

/** What a shortcut does, in the product's words. */
export type ShortcutAction = 'accept' | 'reject' | 'hold' | 'mute' | 'release';

/** The call center item, as problems name it (settings.ts SETTINGS_PREFIX + the item's name). */
const ITEM = '/ContactPad/keyboardShortcuts';

export const SHORTCUT_ACTIONS: readonly ShortcutAction[] = Object.freeze(['accept', 'reject', 'hold', 'mute', 'release'] as const);

/** One key combination. */
export interface KeyCombination {
  /** KeyboardEvent.code of the key: `KeyA`..`KeyZ`, `Digit0`..`Digit9`, `F1`..`F12`. */
  readonly code: string;
  readonly alt: boolean;
  readonly ctrl: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
}

/** Each action's combination; null when the admin turned it off. */
export type KeyboardShortcuts = Readonly<Record<ShortcutAction, KeyCombination | null>>;

function combination(code: string, modifiers: Partial<Omit<KeyCombination, 'code'>>): KeyCombination {
  return Object.freeze({ code, alt: false, ctrl: false, shift: false, meta: false, ...modifiers });
}

/**
 * The defaults: Alt+Shift and a letter (A accept, R reject, H hold, M mute, E end), which
 * neither the Lightning console's own shortcuts nor Chromium take.
 */
export const DEFAULT_SHORTCUTS: KeyboardShortcuts = Object.freeze({
  accept: combination('KeyA', { alt: true, shift: true }),
  reject: combination('KeyR', { alt: true, shift: true }),
  hold: combination('KeyH', { alt: true, shift: true }),
  mute: combination('KeyM', { alt: true, shift: true }),
  release: combination('KeyE', { alt: true, shift: true }),
});

const MODIFIERS: Readonly<Record<string, keyof Omit<KeyCombination, 'code'>>> = {
  alt: 'alt',
  option: 'alt',
  ctrl: 'ctrl',
  control: 'ctrl',
  shift: 'shift',
  meta: 'meta',
  cmd: 'meta',
  command: 'meta',
};

/** The KeyboardEvent.code of a key as the admin writes it ('a', 'A', '7', 'F2'); undefined for anything else. */
function keyCode(key: string): string | undefined {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  const f = /^f([1-9]|1[0-2])$/i.exec(key);
  return f ? `F${f[1]}` : undefined;
}

/** One combination ('Alt+Shift+A'), or why it is not one. */
export function parseKeyCombination(text: string): KeyCombination | { readonly problem: string } {
  const parts = text.split('+').map((part) => part.trim());
  const key = parts.pop() ?? '';
  const modifiers: Partial<Record<keyof Omit<KeyCombination, 'code'>, boolean>> = {};
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (!modifier) return { problem: `"${part}" is not a modifier (Alt, Ctrl, Shift or Meta)` };
    modifiers[modifier] = true;
  }
  const code = keyCode(key);
  if (!code) return { problem: `"${key}" is not a key ContactPad can use (a letter, a digit or F1-F12)` };
  if (!modifiers.alt && !modifiers.ctrl && !modifiers.meta && !/^F/.test(code)) {
    return { problem: `${text.trim()} needs Alt, Ctrl or Meta, or it would fire while the agent types` };
  }
  return combination(code, modifiers);
}

/**
 * Reads the `keyboardShortcuts` item. Blank: the defaults. Each `action=combination` pair sets
 * one action; an action not named keeps its default; a malformed pair, an unknown action, or a
 * combination given to two actions is a problem (named) and that action keeps its default.
 */
export function readKeyboardShortcuts(raw: unknown, problems: string[]): KeyboardShortcuts {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return DEFAULT_SHORTCUTS;
  if (typeof raw !== 'string') {
    problems.push(`${ITEM} must be text such as "accept=Alt+Shift+A; release=Alt+Shift+E"; the defaults apply`);
    return DEFAULT_SHORTCUTS;
  }
  const chosen: Record<ShortcutAction, KeyCombination | null> = { ...DEFAULT_SHORTCUTS };
  for (const pair of raw.split(';').map((each) => each.trim()).filter((each) => each !== '')) {
    const [name = '', value = '', ...rest] = pair.split('=').map((each) => each.trim());
    const action = SHORTCUT_ACTIONS.find((known) => known === name.toLowerCase());
    if (!action || rest.length > 0 || value === '') {
      problems.push(`${ITEM}: "${pair}" is not action=keys with an action of ${SHORTCUT_ACTIONS.join(', ')}; it is ignored`);
      continue;
    }
    if (value.toLowerCase() === 'none') {
      chosen[action] = null;
      continue;
    }
    const parsed = parseKeyCombination(value);
    if ('problem' in parsed) problems.push(`${ITEM}: ${action}: ${parsed.problem}; ${action} keeps its default`);
    else chosen[action] = parsed;
  }
  for (const action of SHORTCUT_ACTIONS) {
    const mine = chosen[action];
    const other = SHORTCUT_ACTIONS.find((each) => each !== action && chosen[each] !== null && mine !== null && sameCombination(chosen[each], mine));
    if (other && SHORTCUT_ACTIONS.indexOf(other) < SHORTCUT_ACTIONS.indexOf(action)) {
      problems.push(`${ITEM}: ${action} and ${other} have the same keys (${shortcutLabel(mine!)}); ${action} is turned off`);
      chosen[action] = null;
    }
  }
  return Object.freeze(chosen);
}

function sameCombination(a: KeyCombination | null, b: KeyCombination): boolean {
  return a !== null && a.code === b.code && a.alt === b.alt && a.ctrl === b.ctrl && a.shift === b.shift && a.meta === b.meta;
}

/** A shortcut as the widget needs it: the action, its keys, and the keys in words (aria-keyshortcuts). */
export interface ShortcutView extends KeyCombination {
  readonly action: ShortcutAction;
  readonly label: string;
}

/** The shortcuts that are on, for the snapshot. */
export function shortcutViews(shortcuts: KeyboardShortcuts): readonly ShortcutView[] {
  return Object.freeze(
    SHORTCUT_ACTIONS.flatMap((action) => {
      const keys = shortcuts[action];
      return keys ? [Object.freeze({ ...keys, action, label: shortcutLabel(keys) })] : [];
    }),
  );
}

/** The combination as the ARIA `aria-keyshortcuts` attribute and a tooltip write it: "Alt+Shift+A". */
export function shortcutLabel(combination: KeyCombination): string {
  const key = combination.code.replace(/^Key|^Digit/, '');
  return [combination.ctrl && 'Control', combination.alt && 'Alt', combination.shift && 'Shift', combination.meta && 'Meta', key].filter(Boolean).join('+');
}
