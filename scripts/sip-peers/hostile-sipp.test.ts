// The hostile SIPp runner's own parts (node --test): what it counts in SIPp's trace, the loop
// count written into a scenario, the rows SIPp's injection file cannot hold, and the mix that
// makes about the asked number of messages. The messages themselves are e2e/hostile-sip.test.ts's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostilePlan } from './test-support/hostile-sip.ts';
import { countTrace, runHostileSipp, scenarioText } from './test-support/hostile-sipp.ts';

// As SIPp 3.6.1 writes its -trace_msg file.
const TRACE = [
  '----------------------------------------------- 2026-12-06 10:50:55.537269',
  'UDP message sent (545 bytes):',
  '',
  'INVITE sip:agent1@127.0.0.1:25060 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:57501;branch=z9hG4bK-hostile-1-invite',
  '',
  '----------------------------------------------- 2026-12-06 10:50:55.540001',
  'UDP message received [372] bytes :',
  '',
  'SIP/2.0 100 trying -- your call is important to us',
  '',
  '----------------------------------------------- 2026-12-06 10:50:55.561002',
  'UDP message received [340] bytes :',
  '',
  'SIP/2.0 488 Not Acceptable Here',
  '',
  '----------------------------------------------- 2026-12-06 10:50:55.561500',
  'UDP message sent (320 bytes):',
  '',
  'ACK sip:agent1@127.0.0.1:25060 SIP/2.0',
  '',
].join('\n');

describe('hostile SIPp runs', () => {
  it('counts what SIPp sent by method and what came back by status code', () => {
    assert.deepEqual(countTrace(TRACE), { messagesSent: 2, sent: { INVITE: 1, ACK: 1 }, received: { '100': 1, '488': 1 } });
    assert.deepEqual(countTrace(''), { messagesSent: 0, sent: {}, received: {} });
  });

  it('writes the loop count into the looping scenarios, and leaves the others as they are', () => {
    for (const scenario of ['hostile-unknown-dialog', 'hostile-reinvite-storm'] as const) {
      const text = scenarioText(scenario, 37);
      assert.match(text, /compare="greater_than_equal" value="37"/, scenario);
      assert.doesNotMatch(text, /__REPEAT__/, scenario);
      assert.ok(text.length < 65_536, `${scenario}: SIPp reads at most 64 KB of scenario`);
    }
    assert.doesNotMatch(scenarioText('hostile-refused', 5), /value="5"/);
  });

  it('refuses rows SIPp\'s injection file cannot hold, before starting SIPp', async () => {
    const bad = [
      { fromDisplayName: '"a;b"', fromUser: '+1555', header: 'X-A: 1' },
      { fromDisplayName: '"a"', fromUser: '+1555', header: 'X-A: 1\r\nX-B: 2' },
      { fromDisplayName: '"a"', fromUser: '+1555', header: '' },
    ];
    for (const row of bad) {
      await assert.rejects(runHostileSipp({ scenario: 'hostile-refused', name: 'rows-test', proxyPort: 5060, calls: [row] }), /hostile-sipp: calls\[0\]/);
    }
  });

  it('mixes about as many messages as asked, every kind at least once', () => {
    const perMessage = (plan: ReturnType<typeof hostilePlan>) =>
      plan.refused * 2 + (plan.rings + plan.late) * 3 + plan.webSocket * 4 + plan.ghosts * 4 + 3 + plan.storm * 2 + 3;
    for (const asked of [100, 1000]) {
      const plan = hostilePlan(asked);
      assert.ok(Math.abs(perMessage(plan) - asked) <= asked * 0.05, `${asked}: ${JSON.stringify(plan)} makes ${perMessage(plan)}`);
      for (const [kind, count] of Object.entries(plan)) assert.ok(count >= 1, `${asked}: ${kind}`);
    }
  });
});
