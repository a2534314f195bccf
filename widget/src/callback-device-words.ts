/** A registered device of the agent in the agent's words (the Call back dialog, a callback's progress). */
import type { RegisteredDevice } from '../../adapter/src/store.ts';
import { laterWords } from './catalogue/later-words.ts';

/** "Your phone at 127.0.0.1:5062", "Another browser of yours". */
export function deviceWords(device: RegisteredDevice): string {
  const w = laterWords().callback;
  return device.kind === 'browser' ? w.otherBrowser : w.phoneAt(device.where);
}
