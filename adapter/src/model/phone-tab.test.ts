import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { PHONE_TAB_STATES, PHONE_TAB_TRANSITIONS, nextPhoneTabState, phoneRunsHere, transitionPhoneTab, type PhoneTabEvent, type PhoneTabState } from './phone-tab.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const EVENTS: readonly PhoneTabEvent[] = ['granted', 'held-elsewhere', 'take-over', 'refused', 'asked', 'kept', 'lost'];

/** Every legal move, written out from the file's diagram independently of the table. */
const LEGAL: Readonly<Record<string, PhoneTabState>> = {
  'electing > granted': 'active-here',
  'electing > held-elsewhere': 'active-elsewhere',
  'active-elsewhere > granted': 'active-here',
  'active-elsewhere > take-over': 'taking-over',
  'taking-over > granted': 'active-here',
  'taking-over > refused': 'active-elsewhere',
  'active-here > asked': 'stepping-down',
  'stepping-down > kept': 'active-here',
  'stepping-down > lost': 'active-elsewhere',
  'active-here > lost': 'active-elsewhere',
};

describe('the tab with the phone: the state table', () => {
  for (const from of PHONE_TAB_STATES) {
    for (const event of EVENTS) {
      const to = LEGAL[`${from} > ${event}`];
      if (to) {
        it(`${from} --${event}--> ${to}`, () => {
          expect(transitionPhoneTab(from, event)).to.equal(to);
        });
      } else {
        it(`refuses ${event} while ${from}, naming both`, () => {
          const error = thrown(() => transitionPhoneTab(from, event));
          expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
          expect((error as Error).message).to.contain(event).and.to.contain(from);
          expect(nextPhoneTabState(from, event)).to.equal(undefined);
        });
      }
    }
  }

  it('cannot be changed by a caller, and refuses an event it does not know', () => {
    expect(Object.isFrozen(PHONE_TAB_TRANSITIONS)).to.equal(true);
    expect(Object.isFrozen(PHONE_TAB_TRANSITIONS.granted)).to.equal(true);
    expect(nextPhoneTabState('active-here', 'toString' as PhoneTabEvent)).to.equal(undefined);
  });

  it('lets the phone run only in the page that has it (not while electing, taking over or stepping down)', () => {
    expect(PHONE_TAB_STATES.filter(phoneRunsHere)).to.deep.equal(['active-here']);
  });

  it('a page that takes the phone over, and the page that steps down for it, end up on opposite sides', () => {
    const taker = ['take-over', 'granted'].reduce<PhoneTabState>((state, event) => transitionPhoneTab(state, event as PhoneTabEvent), 'active-elsewhere');
    const holder = ['asked', 'lost'].reduce<PhoneTabState>((state, event) => transitionPhoneTab(state, event as PhoneTabEvent), 'active-here');
    expect([taker, holder]).to.deep.equal(['active-here', 'active-elsewhere']);
  });
});
