import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { DTMF_KEYS, DTMF_MAX_KEYS, dtmfRelayBody, dtmfTones } from './dtmf.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

function refusal(typed: string): { code: string; message: string; detail: Record<string, unknown> } | undefined {
  const error = thrown(() => dtmfTones(typed));
  return isContactPadError(error) ? { code: error.code, message: error.message, detail: { ...error.detail } } : undefined;
}

describe('keypad tones', () => {
  it('sends every keypad key and the pause, as typed', () => {
    expect(dtmfTones(DTMF_KEYS)).to.equal('123A456B789C*0#D');
    expect(dtmfTones('12#')).to.equal('12#');
    expect(dtmfTones('0,,9')).to.equal('0,,9');
  });

  it('reads a-d as the keys A-D', () => {
    expect(dtmfTones('abcd')).to.equal('ABCD');
  });

  it('refuses a character that is no key, naming it and its place: nothing is sent', () => {
    expect(refusal('12x#')).to.deep.equal({
      code: 'INVALID_INPUT',
      message: '"x" is not a keypad key (use 0-9, *, #, A-D, or a comma to pause); nothing was sent.',
      detail: { character: 'x', position: 3 },
    });
    expect(refusal('1 2')?.message).to.match(/^a space is not a keypad key/);
    expect(refusal('+1')?.detail).to.deep.equal({ character: '+', position: 1 });
    expect(refusal('E')?.detail.character).to.equal('E');
    expect(refusal('1\n')?.message).to.match(/^a line break or tab is not a keypad key/);
    expect(refusal('\u0007')?.message).to.match(/^the control character U\+0007 is not a keypad key/);
    expect(refusal('٣')?.message, 'an Arabic-Indic three is no key').to.match(/^"٣" is not a keypad key/);
  });

  it('refuses nothing at all, and more keys than are sent at once', () => {
    expect(refusal('')?.message).to.equal('Press a keypad key to send a tone.');
    expect(refusal(undefined as unknown as string)?.code).to.equal('INVALID_INPUT');
    expect(refusal('1'.repeat(DTMF_MAX_KEYS + 1))?.message).to.match(/^At most 64 keypad keys/);
    expect(dtmfTones('1'.repeat(DTMF_MAX_KEYS))).to.have.length(DTMF_MAX_KEYS);
  });

  it('writes the SIP INFO body of a tone as application/dtmf-relay', () => {
    expect(dtmfRelayBody('5')).to.equal('Signal=5\r\nDuration=160');
    expect(dtmfRelayBody('#')).to.equal('Signal=#\r\nDuration=160');
  });
});
