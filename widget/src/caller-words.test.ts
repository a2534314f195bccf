import { expect } from '@open-wc/testing';
import { fieldWords, objectWords, whyWords } from './caller-words.ts';
import { annLead } from '../test-support/snapshots.ts';

describe('words for records and matches', () => {
  it('names the standard objects in words and custom objects by their API name', () => {
    expect(['Lead', 'Contact', 'Account', 'Case', 'LiveChatTranscript'].map(objectWords)).to.deep.equal([
      'Lead',
      'Contact',
      'Account',
      'Case',
      'Live Chat Transcript',
    ]);
    expect(objectWords('Vehicle_Owner__c')).to.equal('Vehicle_Owner__c');
    expect(objectWords('constructor')).to.equal('constructor');
  });

  it('names the standard phone fields in words and keeps custom fields as they are', () => {
    expect(['Phone', 'MobilePhone', 'HomePhone', 'PersonMobilePhone', 'SuppliedPhone'].map(fieldWords)).to.deep.equal([
      'Phone',
      'Mobile phone',
      'Home phone',
      'Mobile phone',
      'Web phone',
    ]);
    expect(fieldWords('Emergency_Phone__c')).to.equal('Emergency_Phone__c');
  });

  it('explains a match in one line: label, object when it says more, field and rule', () => {
    expect(whyWords(annLead)).to.equal('Lead · matched Mobile phone (rule: Open leads)');
    expect(whyWords({ id: '001', objectType: 'Account', name: 'Diaz Imports', label: 'Previous Customer', rule: 'Former customers', matchedField: 'Phone' })).to.equal(
      'Previous Customer · Account · matched Phone (rule: Former customers)',
    );
  });

  it('leaves out the parts Salesforce left blank instead of printing empty words', () => {
    expect(whyWords({ ...annLead, matchedField: '' })).to.equal('Lead (rule: Open leads)');
    expect(whyWords({ ...annLead, rule: '' })).to.equal('Lead · matched Mobile phone');
    expect(whyWords({ ...annLead, rule: '', matchedField: '' })).to.equal('Lead');
  });
});
