import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { loadVoicemailMessages, VOICEMAIL_MESSAGE_TYPE } from './voicemail-messages.ts';
import { connectTo, fakeOrg } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('voicemail messages from the org (ContactPad Voicemail Message custom metadata)', () => {
  it('offers the message force-app ships, in one query', async () => {
    const session = await fakeOrg.createOrg('demo');
    const before = await fakeOrg.apiUsage(session.orgId);
    const { messages, problems } = await loadVoicemailMessages(connectTo(session));
    expect(messages).to.deep.equal([{ id: 'Call_Us_Back', label: 'Please call us back', audioUrl: '/resource/contactpad/voicemail-sample.wav' }]);
    expect(problems).to.deep.equal([]);
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
  });

  it('offers the active messages an admin added by label, and leaves out (naming them) those it cannot play', async () => {
    const session = await fakeOrg.createOrg(undefined, { customMetadata: false });
    const add = (fields: Record<string, unknown>) => fakeOrg.insert(session.orgId, VOICEMAIL_MESSAGE_TYPE, { Active__c: true, ...fields });
    await add({ DeveloperName: 'Renewal', MasterLabel: 'Your renewal is due', Audio_URL__c: '/resource/Renewal_Message' });
    await add({ DeveloperName: 'Appointment', MasterLabel: 'About your appointment', Audio_URL__c: 'https://media.example.com/vm/appointment.mp3' });
    await add({ DeveloperName: 'Old_Promo', MasterLabel: 'Spring promotion', Audio_URL__c: '/resource/Spring', Active__c: false });
    await add({ DeveloperName: 'Insecure', MasterLabel: 'Insecure link', Audio_URL__c: 'http://media.example.com/vm.wav' });
    await add({ DeveloperName: 'Script', MasterLabel: 'Script', Audio_URL__c: 'javascript:alert(1)' });
    await add({ DeveloperName: 'Empty', MasterLabel: 'No audio yet', Audio_URL__c: '  ' });
    const { messages, problems } = await loadVoicemailMessages(connectTo(session));
    expect(messages.map((message) => message.label)).to.deep.equal(['About your appointment', 'Your renewal is due']);
    expect(problems).to.deep.equal([
      'ContactPad Voicemail Message Insecure is not offered: its Audio URL is neither a static resource path (/resource/<name>) nor an https:// URL.',
      'ContactPad Voicemail Message Script is not offered: its Audio URL is neither a static resource path (/resource/<name>) nor an https:// URL.',
      'ContactPad Voicemail Message Empty is not offered: its Audio URL is empty.',
    ]);
  });

  it('says what Salesforce answered when the messages cannot be read', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setVisibility(session.orgId, { sobject: VOICEMAIL_MESSAGE_TYPE }, false);
    const error = await rejectionOf(loadVoicemailMessages(connectTo(session)));
    expect(isContactPadError(error, 'CRM_REQUEST_REJECTED')).to.equal(true);
  });
});
