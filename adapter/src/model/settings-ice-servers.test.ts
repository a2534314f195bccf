import { expect } from '@open-wc/testing';
import { readWith as read } from '../../test-support/call-center-settings.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { checkIceServerUrl } from './server-addresses.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('settings: ICE servers (iceServers)', () => {
  it('has none by default: blank, absent or none, silently (no public STUN server is ever used)', () => {
    expect(DEFAULT_SETTINGS.iceServers).to.deep.equal([]);
    for (const value of [undefined, '', '  ', 'none', 'NONE']) {
      const { settings, problems } = read({ '/ContactPad/iceServers': value });
      expect(settings.iceServers, String(value)).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
    }
  });

  it('reads stun:, stuns:, turn: and turns: URLs in the admin\'s order, comma- or space-separated, once each', () => {
    const { settings, problems } = read({
      '/ContactPad/iceServers': ' stun:stun.example.com:3478, turns:turn.example.com:5349?transport=tcp turn:192.0.2.10 ,stuns:[2001:db8::1]:5349,stun:stun.example.com:3478',
    });
    expect(problems).to.deep.equal([]);
    expect(settings.iceServers).to.deep.equal(['stun:stun.example.com:3478', 'turns:turn.example.com:5349?transport=tcp', 'turn:192.0.2.10', 'stuns:[2001:db8::1]:5349']);
    expect(Object.isFrozen(settings.iceServers)).to.equal(true);
  });

  it('leaves a bad URL out, naming the item, and keeps the others', () => {
    const { settings, problems } = read({ '/ContactPad/iceServers': 'stun:ok.example.com,https://turn.example.com,turn:bad_host!' });
    expect(settings.iceServers).to.deep.equal(['stun:ok.example.com']);
    expect(problems).to.have.length(2);
    expect(problems[0]).to.equal(
      '/ContactPad/iceServers: the entry "https://turn.example.com" is not a stun:, stuns:, turn: or turns: URL, such as stun:stun.example.com:3478 or turns:turn.example.com:5349?transport=tcp; it is left out.',
    );
    for (const problem of problems) expect(problem.startsWith('/ContactPad/iceServers: ')).to.equal(true);
  });

  it('never takes or echoes a TURN user name or password: credentials come from Salesforce', () => {
    const { settings, problems } = read({ '/ContactPad/iceServers': 'turn:alice:s3cret@turn.example.com' });
    expect(settings.iceServers).to.deep.equal([]);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.contain('contains a user name or password');
    expect(problems[0]).not.to.contain('s3cret');
  });

  it('checks each URL as RFC 7064 and RFC 7065 write them', () => {
    for (const good of ['stun:a.example', 'stun:a.example:1', 'stuns:a.example:65535', 'turn:a.example?transport=udp', 'TURNS:A.example:443?transport=tcp', 'turn:[::1]']) {
      expect(checkIceServerUrl(good), good).to.equal(undefined);
    }
    const bad: Record<string, string> = {
      'stun:a.example?transport=udp': 'has a query, which only turn: and turns: URLs may have (?transport=udp or tcp)',
      'turn:a.example?transport=sctp': 'has a query other than ?transport=udp or ?transport=tcp',
      'turn:a.example:0': 'has a port outside 1-65535',
      'turn:a.example:70000': 'has a port outside 1-65535',
      'stun:': 'is not host[:port] after the scheme',
      'stun:a.example/path': 'is not host[:port] after the scheme',
      'stun:-bad.example': 'has a host that is not a host name',
      'sip:a.example': 'is not a stun:, stuns:, turn: or turns: URL',
    };
    for (const [url, why] of Object.entries(bad)) expect(checkIceServerUrl(url), url).to.equal(why);
  });
});
