import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CALL_CENTER_FILE, FALLBACK_SETTINGS, localCallCenterSettings, parseCallCenterSettings } from './call-center-settings.ts';

describe('the local console\'s call center settings (Open CTI getCallCenterSettings)', () => {
  it('reads every item of the project\'s CallCenter, keyed /<section>/<item> as Salesforce keys them', () => {
    const settings = parseCallCenterSettings(readFileSync(CALL_CENTER_FILE, 'utf8'));
    assert.equal(settings['/reqGeneralInfo/reqAdapterUrl'], '/apex/ContactPad');
    assert.equal(settings['/reqGeneralInfo/reqSalesforceCompatibilityMode'], 'Lightning');
    assert.ok('/ContactPad/sipServerUrl' in settings);
    assert.ok('/ContactPad/dispositions' in settings);
  });

  it('falls back to the CallCenter file\'s own values (decline reasons for Omni-Channel work among them)', () => {
    const fromFile = parseCallCenterSettings(readFileSync(CALL_CENTER_FILE, 'utf8'));
    for (const [key, value] of Object.entries(FALLBACK_SETTINGS)) assert.equal(fromFile[key], value, key);
    assert.equal(localCallCenterSettings({ sipWsPort: 8080 })['/ContactPad/declineReasons'], 'Busy with another customer,Not my skill,Ending my shift');
  });

  it('points ContactPad at the local Kamailio, whatever the CallCenter file says (the SIP user is the agent\'s, not an item)', () => {
    const settings = localCallCenterSettings({ sipWsPort: 18123 });
    assert.equal(settings['/ContactPad/sipServerUrl'], 'ws://127.0.0.1:18123');
    assert.equal(settings['/ContactPad/sipDomain'], '127.0.0.1');
    assert.equal(settings['/ContactPad/sipUser'], undefined);
    assert.equal(settings['/reqGeneralInfo/reqAdapterUrl'], '/softphone');
  });

  it('lets a caller override a setting, such as a short wrap-up for a demo', () => {
    const settings = localCallCenterSettings({ sipWsPort: 8080, overrides: { '/ContactPad/wrapUpSeconds': '5' } });
    assert.equal(settings['/ContactPad/wrapUpSeconds'], '5');
  });

  it('decodes XML entities, skips comments and items without a name', () => {
    const xml = `<CallCenter><sections>
      <!-- <items><name>commented</name><value>x</value></items> -->
      <items><label>A</label><name>alpha</name><value>a &amp; b &lt;c&gt;</value></items>
      <items><label>No name</label><value>lost</value></items>
      <items><name>empty</name><value></value></items>
      <label>Mine</label><name>Mine</name>
    </sections></CallCenter>`;
    assert.deepEqual(parseCallCenterSettings(xml), { '/Mine/label': 'Mine', '/Mine/sortOrder': '0', '/Mine/alpha': 'a & b <c>', '/Mine/empty': '' });
  });

  it('answers with the section labels and order and the call center\'s labels, as Salesforce\'s example returnValue has them', () => {
    const settings = parseCallCenterSettings(readFileSync(CALL_CENTER_FILE, 'utf8'));
    assert.equal(settings['/label'], 'ContactPad');
    assert.equal(settings['/displayNameLabel'], 'Display Name');
    assert.equal(settings['/reqGeneralInfo/sortOrder'], '0');
    assert.equal(settings['/ContactPad/label'], 'ContactPad');
  });
});
