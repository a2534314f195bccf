import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-record-picker.ts';
import type { CpRecordPicker } from './cp-record-picker.ts';
import type { CallerMatchView } from '../../adapter/src/store.ts';
import { HOSTILE_TEXT, annLead, sharedNumberMatches } from '../test-support/snapshots.ts';
import { accessibleName, deepQueryAll, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

async function picker(records: readonly CallerMatchView[], pickedId?: string): Promise<CpRecordPicker> {
  return fixture<CpRecordPicker>(
    html`<cp-record-picker .interactionId=${'ci-5512be07'} .records=${records} .pickedId=${pickedId}></cp-record-picker>`,
  );
}

function options(element: CpRecordPicker): HTMLElement[] {
  return queryAllByRole(getByRole(element, 'listbox', { name: 'Which record is the caller?' }), 'option');
}

/** The element that has the keyboard focus, looked up through shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<cp-record-picker>', () => {
  it('lists each record with its name, object in words, label and the field that matched', async () => {
    const element = await picker(sharedNumberMatches);
    expect(shownText(element).startsWith('Which record is the caller?')).to.equal(true);
    expect(options(element).map(shownText)).to.deep.equal([
      'Bob Jones Contact · Customer · matched Phone',
      'Beth Jones Contact · Customer · matched Home phone',
      'Jones Hardware Account · Customer · matched Phone',
    ]);
  });

  it('names Live Chat Transcripts in words, custom objects by their API name, and a Lead once', async () => {
    const element = await picker([
      annLead,
      { id: '5705e00000ChAtAAA1', objectType: 'LiveChatTranscript', name: '00000042', label: 'Customer', rule: 'Chats', matchedField: 'Caller_Phone__c' },
      { id: 'a015e00000CuStOm01', objectType: 'Vehicle_Owner__c', name: 'VO-0042', label: 'Previous Customer', rule: 'Owners', matchedField: 'Phone__c' },
    ]);
    expect(options(element).map(shownText)).to.deep.equal([
      'Ann Smith Lead · matched Mobile phone',
      '00000042 Live Chat Transcript · Customer · matched Caller_Phone__c',
      'VO-0042 Vehicle_Owner__c · Previous Customer · matched Phone__c',
    ]);
  });

  it('fires pick-record for the record clicked', async () => {
    const element = await picker(sharedNumberMatches);
    const fired = recordIntents(element);
    options(element)[1]!.click();
    expect(fired.intents).to.deep.equal([{ type: 'pick-record', interactionId: 'ci-5512be07', recordId: '0035e00000XyZaBCDF' }]);
  });

  it('shows the picked record as chosen, and only that one', async () => {
    const element = await picker(sharedNumberMatches, '0015e00000JoNeSAAA');
    expect(options(element).map((option) => option.getAttribute('aria-selected'))).to.deep.equal(['false', 'false', 'true']);
    element.pickedId = '0035e00000XyZaBCDE';
    await element.updateComplete;
    expect(options(element).map((option) => option.getAttribute('aria-selected'))).to.deep.equal(['true', 'false', 'false']);
  });

  it('is one tab stop: the chosen record, else the first', async () => {
    expect(options(await picker(sharedNumberMatches)).map((option) => option.tabIndex)).to.deep.equal([0, -1, -1]);
    expect(options(await picker(sharedNumberMatches, '0035e00000XyZaBCDF')).map((option) => option.tabIndex)).to.deep.equal([-1, 0, -1]);
  });

  it('moves with the arrow keys without picking, and picks with Space or Enter', async () => {
    const element = await picker(sharedNumberMatches);
    const fired = recordIntents(element);
    options(element)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    expect(accessibleName(focused()!)).to.equal('Beth Jones Contact · Customer · matched Home phone');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    expect(focused()).to.equal(options(element)[2]);
    expect(fired.intents).to.deep.equal([]);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(focused()).to.equal(options(element)[0]);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowUp' });
    await element.updateComplete;
    expect(focused()).to.equal(options(element)[1]);
    expect(fired.intents).to.deep.equal([
      { type: 'pick-record', interactionId: 'ci-5512be07', recordId: '0015e00000JoNeSAAA' },
      { type: 'pick-record', interactionId: 'ci-5512be07', recordId: '0035e00000XyZaBCDE' },
    ]);
  });

  it('does not pick again the record already picked', async () => {
    const element = await picker(sharedNumberMatches, '0035e00000XyZaBCDE');
    const fired = recordIntents(element);
    options(element)[0]!.click();
    expect(fired.intents).to.deep.equal([]);
  });

  it('renders record names with markup as text', async () => {
    const element = await picker([{ ...annLead, name: HOSTILE_TEXT }, sharedNumberMatches[0]!]);
    expect(shownText(options(element)[0]!)).to.equal(`${HOSTILE_TEXT} Lead · matched Mobile phone`);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
  });

  it('shows nothing when there is nothing to pick', async () => {
    const element = await picker([]);
    expect(shownText(element)).to.equal('');
    expect(queryAllByRole(element, 'listbox')).to.have.length(0);
  });
});
