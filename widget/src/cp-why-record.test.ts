import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-why-record.ts';
import type { CpWhyRecord } from './cp-why-record.ts';
import type { CallerMatchView } from '../../adapter/src/store.ts';
import { HOSTILE_TEXT, annLead } from '../test-support/snapshots.ts';
import { deepQueryAll, shownText } from '../test-support/queries.ts';

async function why(match: CallerMatchView | undefined): Promise<CpWhyRecord> {
  return fixture<CpWhyRecord>(html`<cp-why-record .match=${match}></cp-why-record>`);
}

function summary(element: CpWhyRecord): HTMLElement {
  return element.shadowRoot!.querySelector('summary')!;
}

describe('<cp-why-record>', () => {
  it('costs one closed line until the agent opens it', async () => {
    const element = await why(annLead);
    expect(shownText(element)).to.equal('Why this record');
  });

  it('opens on a click to say the label, the field that matched and the rule', async () => {
    const element = await why(annLead);
    summary(element).click();
    expect(shownText(element)).to.equal('Why this record Lead · matched Mobile phone (rule: Open leads)');
  });

  it('opens from the keyboard alone', async () => {
    const element = await why({ ...annLead, objectType: 'Contact', label: 'Customer', rule: 'Customers', matchedField: 'HomePhone' });
    summary(element).focus();
    await sendKeys({ press: 'Enter' });
    expect(shownText(element)).to.equal('Why this record Customer · Contact · matched Home phone (rule: Customers)');
  });

  it('shows nothing without a record to explain', async () => {
    const element = await why(undefined);
    expect(shownText(element)).to.equal('');
    expect(deepQueryAll(element, 'details')).to.have.length(0);
  });

  it('shows a rule name with markup as text', async () => {
    const element = await why({ ...annLead, rule: HOSTILE_TEXT, matchedField: '<b>Phone</b>' });
    summary(element).click();
    expect(shownText(element)).to.contain(`(rule: ${HOSTILE_TEXT})`);
    expect(shownText(element)).to.contain('matched <b>Phone</b>');
    expect(deepQueryAll(element, 'img, b')).to.have.length(0);
  });
});
