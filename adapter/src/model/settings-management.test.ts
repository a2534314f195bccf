import { expect } from '@open-wc/testing';
import { MANAGEMENT_DEFAULTS, readWith as read } from '../../test-support/call-center-settings.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('settings: state after a reject and cooldown', () => {
  it('reads each state after a reject, in any case', () => {
    for (const value of ['stay', 'not-ready', 'inactive', 'cooldown', ' Not-Ready ', 'INACTIVE']) {
      const { settings, problems } = read({ '/ContactPad/stateAfterReject': value });
      expect(settings.stateAfterReject, value).to.equal(value.trim().toLowerCase());
      expect(problems, value).to.deep.equal([]);
    }
  });

  for (const value of ['notready', 'offline', 'busy', '1', 'stay;inactive']) {
    it(`reports stateAfterReject ${JSON.stringify(value)} and stays`, () => {
      const { settings, problems } = read({ '/ContactPad/stateAfterReject': value });
      expect(settings.stateAfterReject).to.equal('stay');
      expect(problems).to.deep.equal([
        `/ContactPad/stateAfterReject ${JSON.stringify(value)} is not one of stay, not-ready, inactive, cooldown. Using the default stay.`,
      ]);
    });
  }

  it('reads the Not Ready reason after a reject, trimmed', () => {
    expect(read({ '/ContactPad/rejectNotReadyReason': '  Declined work ' }).settings.rejectNotReadyReason).to.equal('Declined work');
  });

  it('reports a Not Ready reason that is too long, not one line, or not text, and uses "Rejected call"', () => {
    for (const value of ['R'.repeat(81), 'Rejected\ncall', { x: 1 }]) {
      const { settings, problems } = read({ '/ContactPad/rejectNotReadyReason': value });
      expect(settings.rejectNotReadyReason).to.equal('Rejected call');
      expect(problems).to.have.length(1);
      expect(problems[0]).to.contain('/ContactPad/rejectNotReadyReason').and.contain('default Rejected call');
    }
  });

  it('reads the cooldown from 0 to 600 seconds', () => {
    expect(read({ '/ContactPad/cooldownSeconds': '600' }).settings.cooldownSeconds).to.equal(600);
    expect(read({ '/ContactPad/cooldownSeconds': '15' }).settings.cooldownSeconds).to.equal(15);
    for (const value of ['601', '-1', '2.5', 'ten']) {
      const { settings, problems } = read({ '/ContactPad/cooldownSeconds': value });
      expect(settings.cooldownSeconds, value).to.equal(0);
      expect(problems, value).to.deep.equal([
        `/ContactPad/cooldownSeconds ${JSON.stringify(value)} is not a whole number of seconds from 0 to 600. Using the default 0.`,
      ]);
    }
  });

  it('reads the callback attempt limit from 1 to 10 (default 3: a callback not connected three times is Failed)', () => {
    expect(read({ '/ContactPad/callbackAttemptLimit': '5' }).settings.callbackAttemptLimit).to.equal(5);
    expect(read({}).settings.callbackAttemptLimit).to.equal(3);
    for (const value of ['0', '11', 'three']) {
      const { settings, problems } = read({ '/ContactPad/callbackAttemptLimit': value });
      expect(settings.callbackAttemptLimit, value).to.equal(3);
      expect(problems, value).to.deep.equal([`/ContactPad/callbackAttemptLimit ${JSON.stringify(value)} is not a whole number of attempts from 1 to 10. Using the default 3.`]);
    }
  });
});

describe('settings: switches', () => {
  const SWITCHES = [
    ['cooldownAfterCallback', false],
    ['autoAcceptWork', true],
    ['closeTabAfterWrapUp', false],
    ['requireDisposition', false],
  ] as const;

  for (const [name, fallback] of SWITCHES) {
    it(`reads ${name} as true or false (true/false, yes/no, on/off, 1/0, any case), default ${fallback}`, () => {
      for (const value of ['true', 'TRUE', ' yes ', 'On', '1', true]) {
        const { settings, problems } = read({ [`/ContactPad/${name}`]: value });
        expect(settings[name], String(value)).to.equal(true);
        expect(problems).to.deep.equal([]);
      }
      for (const value of ['false', 'False', 'no', 'OFF', '0', false]) {
        expect(read({ [`/ContactPad/${name}`]: value }).settings[name], String(value)).to.equal(false);
      }
      expect(read({ [`/ContactPad/${name}`]: '' }).settings[name]).to.equal(fallback);
    });

    it(`reports ${name} that is neither true nor false and uses ${fallback}`, () => {
      for (const value of ['maybe', '2', 'truee', { on: true }]) {
        const { settings, problems } = read({ [`/ContactPad/${name}`]: value });
        expect(settings[name]).to.equal(fallback);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.contain(`/ContactPad/${name}`).and.contain('neither true nor false').and.contain(`default ${fallback}`);
      }
    });
  }
});

describe('settings: capacity and wrap up extension', () => {
  it('reads each capacity from 0 to 20', () => {
    const { settings, problems } = read({
      '/ContactPad/capacityVoice': '2',
      '/ContactPad/capacityVideo': '3',
      '/ContactPad/capacityChat': '0',
      '/ContactPad/capacityEmail': '20',
      '/ContactPad/capacityCase': ' 5 ',
    });
    expect(problems).to.deep.equal([]);
    expect([settings.capacityVoice, settings.capacityVideo, settings.capacityChat, settings.capacityEmail, settings.capacityCase]).to.deep.equal([2, 3, 0, 20, 5]);
  });

  for (const [name, fallback] of [
    ['capacityVoice', 1],
    ['capacityVideo', 1],
    ['capacityChat', 3],
    ['capacityEmail', 2],
    ['capacityCase', 2],
  ] as const) {
    it(`reports ${name} outside 0..20 or not a whole number and uses ${fallback}`, () => {
      for (const value of ['21', '-1', '1.5', 'three', 'unlimited']) {
        const { settings, problems } = read({ [`/ContactPad/${name}`]: value });
        expect(settings[name], value).to.equal(fallback);
        expect(problems, value).to.deep.equal([
          `/ContactPad/${name} ${JSON.stringify(value)} is not a whole number of interactions from 0 to 20. Using the default ${fallback}.`,
        ]);
      }
    });
  }

  it('reads the wrap up extension from 0 to 600 seconds, default 30', () => {
    expect(read({ '/ContactPad/wrapUpExtendSeconds': '120' }).settings.wrapUpExtendSeconds).to.equal(120);
    expect(read({ '/ContactPad/wrapUpExtendSeconds': '0' }).settings.wrapUpExtendSeconds).to.equal(0);
    for (const value of ['601', '30s', '-30']) {
      const { settings, problems } = read({ '/ContactPad/wrapUpExtendSeconds': value });
      expect(settings.wrapUpExtendSeconds, value).to.equal(30);
      expect(problems[0], value).to.contain('/ContactPad/wrapUpExtendSeconds').and.contain('from 0 to 600').and.contain('default 30');
    }
  });
});

describe('settings: presence sync', () => {
  it('reads which side leads, in any case', () => {
    expect(read({ '/ContactPad/presenceLeads': 'omni-channel' }).settings.presenceLeads).to.equal('omni-channel');
    expect(read({ '/ContactPad/presenceLeads': ' ContactPad ' }).settings.presenceLeads).to.equal('contactpad');
  });

  it('reports an unknown leading side and uses contactpad', () => {
    const { settings, problems } = read({ '/ContactPad/presenceLeads': 'omni' });
    expect(settings.presenceLeads).to.equal('contactpad');
    expect(problems).to.deep.equal(['/ContactPad/presenceLeads "omni" is not one of contactpad, omni-channel. Using the default contactpad.']);
  });

  it('keeps the presence mapping as the item\'s text, for the presence desk to read (presence-map.ts)', () => {
    const { settings, problems } = read({ '/ContactPad/presenceMap': 'ready=Available;lunch=Away' });
    expect(settings.presenceMap).to.equal('ready=Available;lunch=Away');
    expect(problems).to.deep.equal([]);
  });
});

describe('settings: management items never stop ContactPad', () => {
  it('reads a call center where every management item is malformed: defaults everywhere, each item named', () => {
    const { settings, problems } = read({
      '/ContactPad/stateAfterReject': 'away',
      '/ContactPad/rejectNotReadyReason': 'a\u0000b',
      '/ContactPad/cooldownSeconds': 'x',
      '/ContactPad/cooldownAfterCallback': 'x',
      '/ContactPad/callbackAttemptLimit': 'x',
      '/ContactPad/capacityVoice': 'x',
      '/ContactPad/capacityVideo': 'x',
      '/ContactPad/capacityChat': 'x',
      '/ContactPad/capacityEmail': 'x',
      '/ContactPad/capacityCase': 'x',
      '/ContactPad/autoAcceptWork': 'x',
      '/ContactPad/closeTabAfterWrapUp': 'x',
      '/ContactPad/requireDisposition': 'x',
      '/ContactPad/wrapUpExtendSeconds': 'x',
      '/ContactPad/consultTimeoutSeconds': 'x',
      '/ContactPad/presenceLeads': 'x',
      '/ContactPad/presenceMap': 'x',
    });
    // One problem per item; presenceMap's are told by the presence desk, which reads it (presence-map.test.ts).
    expect(problems).to.have.length(16);
    for (const name of Object.keys(MANAGEMENT_DEFAULTS).filter((name) => name !== 'presenceMap')) expect(problems.some((problem) => problem.includes(`/ContactPad/${name}`)), name).to.equal(true);
    expect(settings).to.deep.include({ ...MANAGEMENT_DEFAULTS, presenceMap: 'x' });
  });

  it('reports a management item whose name differs only by case', () => {
    const { settings, problems } = read({ '/ContactPad/CapacityChat': '5' });
    expect(settings.capacityChat).to.equal(3);
    expect(problems).to.deep.equal(['/ContactPad/CapacityChat is not a ContactPad setting and is ignored; did you mean /ContactPad/capacityChat?']);
  });
});
