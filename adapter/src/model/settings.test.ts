import { expect } from '@open-wc/testing';
import { CALL_CENTER, CALL_CONTROL_DEFAULTS, MANAGEMENT_DEFAULTS, MINIMAL, readWith as read } from '../../test-support/call-center-settings.ts';
import { DEFAULT_SETTINGS, readSettings, wrapUpDurationMs } from './settings.ts';
import { checkSipDomain, checkSipServerUrl, isSipUser } from './server-addresses.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('settings: a well-formed call center', () => {
  it('reads every ContactPad item of the CallCenter definition with no problem', () => {
    const { settings, problems } = readSettings(CALL_CENTER);
    expect(problems).to.deep.equal([]);
    expect(settings).to.deep.equal({
      sipServerUrl: 'wss://sip.example.com/ws',
      sipDomain: 'sip.example.com',
      wrapUpSeconds: 60,
      notReadyReasons: ['Break', 'Lunch', 'Meeting', 'Training'],
      dispositions: ['Resolved', 'Callback requested', 'Sale', 'No sale', 'Wrong number'],
      declineReasons: ['Busy with another customer', 'Not my skill', 'Ending my shift'],
      rejectStatusCode: 486,
      defaultCountry: 'US',
      lookupTimeoutMs: 8000,
      ...MANAGEMENT_DEFAULTS,
      iceServers: [],
      ...CALL_CONTROL_DEFAULTS,
      keyboardShortcuts: CALL_CENTER['/ContactPad/keyboardShortcuts'],
    });
    expect(Object.isFrozen(settings)).to.equal(true);
  });

  it('uses the defaults for every optional item that is absent or blank, silently', () => {
    for (const items of [MINIMAL, { ...MINIMAL, '/ContactPad/wrapUpSeconds': '', '/ContactPad/dispositions': '  ', '/ContactPad/defaultCountry': '' }]) {
      const { settings, problems } = readSettings(items);
      expect(problems).to.deep.equal([]);
      expect(settings).to.deep.equal({ ...DEFAULT_SETTINGS, sipServerUrl: 'wss://sip.example.com/ws', sipDomain: 'sip.example.com' });
    }
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_SETTINGS).to.deep.equal({
      sipServerUrl: '',
      sipDomain: '',
      wrapUpSeconds: 60,
      notReadyReasons: ['Break', 'Lunch', 'Meeting', 'Training'],
      dispositions: ['Resolved', 'Follow-up needed', 'Left voicemail', 'Wrong number'],
      declineReasons: ['Busy with another customer', 'Not my skill', 'Ending my shift'],
      rejectStatusCode: 486,
      defaultCountry: 'US',
      lookupTimeoutMs: 8000,
      ...MANAGEMENT_DEFAULTS,
      iceServers: [],
      ...CALL_CONTROL_DEFAULTS,
    });
  });

  it('reads only items of the ContactPad section', () => {
    const { settings } = readSettings({ ...MINIMAL, '/Other/wrapUpSeconds': '5', wrapUpSeconds: '7' });
    expect(settings.wrapUpSeconds).to.equal(60);
  });

  it('never throws on an answer that is not an object', () => {
    for (const items of [null, undefined, 'wss://x', 42]) {
      const { settings, problems } = readSettings(items as unknown as Record<string, unknown>);
      expect(settings.wrapUpSeconds).to.equal(60);
      expect(problems.length).to.equal(2);
    }
  });
});

describe('settings: SIP server URL', () => {
  it('accepts ws:// and wss:// URLs, trimmed', () => {
    expect(read({ '/ContactPad/sipServerUrl': ' ws://127.0.0.1:8080 ' }).settings.sipServerUrl).to.equal('ws://127.0.0.1:8080');
    expect(read({ '/ContactPad/sipServerUrl': 'wss://pbx.example.com:8089/ws' }).settings.sipServerUrl).to.equal('wss://pbx.example.com:8089/ws');
  });

  it('reports a missing URL: the phone cannot register', () => {
    const { settings, problems } = readSettings({ '/ContactPad/sipDomain': 'sip.example.com' });
    expect(settings.sipServerUrl).to.equal('');
    expect(problems).to.have.length(1);
    expect(problems[0]).to.contain('/ContactPad/sipServerUrl').and.contain('not set').and.contain("Using ''");
  });

  for (const [value, why] of [
    ['https://sip.example.com/ws', 'uses https://'],
    ['sip.example.com', 'is not a URL'],
    ['wss://', 'is not a URL'],
    ['sip:agent1@sip.example.com', 'uses sip://'],
  ] as const) {
    it(`reports ${JSON.stringify(value)} (${why}) and uses ''`, () => {
      const { settings, problems } = read({ '/ContactPad/sipServerUrl': value });
      expect(settings.sipServerUrl).to.equal('');
      expect(problems).to.have.length(1);
      expect(problems[0]).to.contain('/ContactPad/sipServerUrl').and.contain(why).and.contain('ws:// or wss://').and.contain("Using ''");
    });
  }

  it('refuses a URL with credentials in it without repeating them', () => {
    const { settings, problems } = read({ '/ContactPad/sipServerUrl': 'wss://agent1:s3cret@sip.example.com/ws' });
    expect(settings.sipServerUrl).to.equal('');
    expect(problems[0]).to.contain('user name or password');
    expect(problems[0]).to.not.contain('s3cret');
  });

  it('reports a value that is not text', () => {
    const { settings, problems } = read({ '/ContactPad/sipServerUrl': true });
    expect(settings.sipServerUrl).to.equal('');
    expect(problems[0]).to.contain('/ContactPad/sipServerUrl').and.contain('not text');
  });
});

describe('settings: SIP domain', () => {
  it('accepts host names (lower-cased), IPv4 and bracketed IPv6', () => {
    expect(read({ '/ContactPad/sipDomain': 'PBX.Example.COM' }).settings.sipDomain).to.equal('pbx.example.com');
    expect(read({ '/ContactPad/sipDomain': '127.0.0.1' }).settings.sipDomain).to.equal('127.0.0.1');
    expect(read({ '/ContactPad/sipDomain': 'localhost' }).settings.sipDomain).to.equal('localhost');
    expect(read({ '/ContactPad/sipDomain': '[2001:db8::1]' }).settings.sipDomain).to.equal('[2001:db8::1]');
  });

  it('reports a missing domain', () => {
    const { settings, problems } = readSettings({ '/ContactPad/sipServerUrl': 'wss://sip.example.com/ws', '/ContactPad/sipDomain': ' ' });
    expect(settings.sipDomain).to.equal('');
    expect(problems).to.have.length(1);
    expect(problems[0]).to.contain('/ContactPad/sipDomain').and.contain('not set');
  });

  for (const [value, why] of [
    ['sip:sip.example.com', 'only the host name'],
    ['sip.example.com:5060', 'only the host name'],
    ['wss://sip.example.com', 'only the host name'],
    ['sip_example.com', 'not a host name'],
    ['-bad.example.com', 'not a host name'],
    ['sip..example.com', 'not a host name'],
    ['300.1.1.1', 'not a valid IPv4'],
    ['10.0.0', 'not a valid IPv4'],
    ['2001:db8::1', 'without brackets'],
    ['[2001:db8::zz]', 'not a valid IPv6'],
    ['[2001:db8:::1]', 'not a valid IPv6'],
    ['<script>', 'not a host name'],
  ] as const) {
    it(`reports ${JSON.stringify(value)} (${why}) and uses ''`, () => {
      const { settings, problems } = read({ '/ContactPad/sipDomain': value });
      expect(settings.sipDomain).to.equal('');
      expect(problems).to.have.length(1);
      expect(problems[0]).to.contain('/ContactPad/sipDomain').and.contain(why).and.contain("Using ''");
    });
  }

  it('checks domains the same way for a per-agent setting', () => {
    expect(checkSipDomain('sip.example.com')).to.equal(undefined);
    expect(checkSipDomain('[::1]')).to.equal(undefined);
    expect(checkSipDomain('[:::::]')).to.be.a('string');
    expect(checkSipServerUrl('wss://sip.example.com/ws')).to.equal(undefined);
    expect(checkSipServerUrl('ftp://sip.example.com')).to.be.a('string');
  });
});

describe('settings: the agent\'s SIP user is not a call center item', () => {
  it('ignores sipUser and sipDisplayName items an older call center still carries (the SIP user is per agent)', () => {
    const { settings, problems } = read({ '/ContactPad/sipUser': 'agent1', '/ContactPad/sipDisplayName': 'Acme Support' });
    expect(settings).to.not.have.property('sipUser');
    expect(settings).to.not.have.property('sipDisplayName');
    expect(problems).to.deep.equal([]);
  });

  it('accepts SIP user parts, including phone numbers and escapes, and refuses addresses and spaces', () => {
    for (const user of ['agent1', '+14155550100', 'first.last', 'a%40b', "o'brien", 'ext;phone-context=x']) expect(isSipUser(user), user).to.equal(true);
    for (const user of ['agent 1', 'agent"1', 'a%4', 'ag<ent>', 'x'.repeat(129), 'sip:agent1@sip.example.com']) expect(isSipUser(user), user).to.equal(false);
  });
});

describe('settings: wrap up time and lookup timeout', () => {
  it('reads whole seconds from 0 to 3600', () => {
    expect(read({ '/ContactPad/wrapUpSeconds': '0' }).settings.wrapUpSeconds).to.equal(0);
    expect(read({ '/ContactPad/wrapUpSeconds': ' 3600 ' }).settings.wrapUpSeconds).to.equal(3600);
    expect(read({ '/ContactPad/wrapUpSeconds': 90 }).settings.wrapUpSeconds).to.equal(90);
  });

  for (const value of ['3601', '-5', '1.5', 'sixty', '60s', '1e3', 'NaN']) {
    it(`reports wrapUpSeconds ${JSON.stringify(value)} and uses 60`, () => {
      const { settings, problems } = read({ '/ContactPad/wrapUpSeconds': value });
      expect(settings.wrapUpSeconds).to.equal(60);
      expect(problems).to.deep.equal([
        `/ContactPad/wrapUpSeconds ${JSON.stringify(value)} is not a whole number of seconds from 0 to 3600. Using the default 60.`,
      ]);
    });
  }

  it('turns 0 seconds into a Wrap Up that lasts until Done', () => {
    expect(wrapUpDurationMs({ wrapUpSeconds: 0 })).to.equal(Number.POSITIVE_INFINITY);
    expect(wrapUpDurationMs({ wrapUpSeconds: 45 })).to.equal(45_000);
  });

  it('reads the lookup timeout in milliseconds from 1000 to 60000', () => {
    expect(read({ '/ContactPad/lookupTimeoutMs': '2500' }).settings.lookupTimeoutMs).to.equal(2500);
    for (const value of ['999', '60001', 'fast', '-1']) {
      const { settings, problems } = read({ '/ContactPad/lookupTimeoutMs': value });
      expect(settings.lookupTimeoutMs, value).to.equal(8000);
      expect(problems[0]).to.contain('/ContactPad/lookupTimeoutMs').and.contain('default 8000');
    }
  });
});

describe('settings: picklists', () => {
  it('splits on commas and semicolons, trims, drops empties and duplicates (any case), keeping the first spelling', () => {
    const { settings, problems } = read({ '/ContactPad/notReadyReasons': ' Break ; Lunch,, lunch ;  Coaching  session ,Break,' });
    expect(problems).to.deep.equal([]);
    expect(settings.notReadyReasons).to.deep.equal(['Break', 'Lunch', 'Coaching session']);
  });

  it('reads dispositions and decline reasons the same way', () => {
    expect(read({ '/ContactPad/dispositions': 'Sale;No sale;Callback' }).settings.dispositions).to.deep.equal(['Sale', 'No sale', 'Callback']);
    expect(read({ '/ContactPad/declineReasons': 'Too busy, ,Wrong skill' }).settings.declineReasons).to.deep.equal(['Too busy', 'Wrong skill']);
  });

  it('leaves out an entry longer than 80 characters, naming it', () => {
    const long = 'L'.repeat(81);
    const { settings, problems } = read({ '/ContactPad/dispositions': `Resolved,${long},Sale` });
    expect(settings.dispositions).to.deep.equal(['Resolved', 'Sale']);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.contain('/ContactPad/dispositions').and.contain('longer than 80').and.contain('left out');
  });

  it('uses the default list when no entry is usable, saying which', () => {
    const { settings, problems } = read({ '/ContactPad/notReadyReasons': ' , ; ,' });
    expect(settings.notReadyReasons).to.deep.equal(['Break', 'Lunch', 'Meeting', 'Training']);
    expect(problems).to.deep.equal(['/ContactPad/notReadyReasons " , ; ," holds no usable entry. Using the default Break, Lunch, Meeting, Training.']);
  });

  it('uses the default list for a value that is not text', () => {
    const { settings, problems } = read({ '/ContactPad/dispositions': { a: 1 } });
    expect(settings.dispositions).to.deep.equal(DEFAULT_SETTINGS.dispositions);
    expect(problems[0]).to.contain('/ContactPad/dispositions').and.contain('Using the default Resolved, Follow-up needed');
  });
});

describe('settings: reject code and country', () => {
  it('reads 486 or 603 as the reject response', () => {
    expect(read({ '/ContactPad/rejectStatusCode': '603' }).settings.rejectStatusCode).to.equal(603);
    expect(read({ '/ContactPad/rejectStatusCode': ' 486 ' }).settings.rejectStatusCode).to.equal(486);
    expect(read({ '/ContactPad/rejectStatusCode': 603 }).settings.rejectStatusCode).to.equal(603);
  });

  for (const value of ['480', '404', 'busy', '486 Busy Here']) {
    it(`reports rejectStatusCode ${JSON.stringify(value)} and uses 486`, () => {
      const { settings, problems } = read({ '/ContactPad/rejectStatusCode': value });
      expect(settings.rejectStatusCode).to.equal(486);
      expect(problems[0]).to.contain('/ContactPad/rejectStatusCode').and.contain('486 (Busy Here) nor 603 (Decline)').and.contain('default 486');
    });
  }

  it('reads a two-letter country, upper-cased', () => {
    expect(read({ '/ContactPad/defaultCountry': 'gb' }).settings.defaultCountry).to.equal('GB');
  });

  for (const value of ['USA', 'U', '44', 'United Kingdom']) {
    it(`reports defaultCountry ${JSON.stringify(value)} and uses US`, () => {
      const { settings, problems } = read({ '/ContactPad/defaultCountry': value });
      expect(settings.defaultCountry).to.equal('US');
      expect(problems[0]).to.contain('/ContactPad/defaultCountry').and.contain('ISO 3166').and.contain('default US');
    });
  }
});

describe('settings: mistyped item names', () => {
  it('reports an item whose name differs only by case, and ignores it', () => {
    const { settings, problems } = read({ '/ContactPad/WrapUpSeconds': '10' });
    expect(settings.wrapUpSeconds).to.equal(60);
    expect(problems).to.deep.equal(['/ContactPad/WrapUpSeconds is not a ContactPad setting and is ignored; did you mean /ContactPad/wrapUpSeconds?']);
  });

  it('collects every problem at once', () => {
    const { problems } = readSettings({
      '/ContactPad/sipServerUrl': 'http://x',
      '/ContactPad/sipDomain': 'bad domain',
      '/ContactPad/wrapUpSeconds': 'x',
      '/ContactPad/rejectStatusCode': '1',
    });
    expect(problems).to.have.length(4);
  });
});

