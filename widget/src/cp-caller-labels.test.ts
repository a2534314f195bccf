import { expect, fixture, html } from '@open-wc/testing';
import './cp-caller-labels.ts';
import type { CpCallerLabels } from './cp-caller-labels.ts';
import type { CallerLabel } from '../../adapter/src/store.ts';
import { getByRole, queryAllByRole } from '../test-support/queries.ts';

async function labels(list: readonly CallerLabel[]): Promise<CpCallerLabels> {
  return fixture<CpCallerLabels>(html`<cp-caller-labels .labels=${list}></cp-caller-labels>`);
}

function chips(element: CpCallerLabels): { text: string; background: string; color: string }[] {
  return queryAllByRole(getByRole(element, 'list', { name: 'Caller label' }), 'listitem').map((item) => ({
    text: item.textContent ?? '',
    background: getComputedStyle(item).backgroundColor,
    color: getComputedStyle(item).color,
  }));
}

describe('<cp-caller-labels>', () => {
  it('shows a Customer who is also an open Lead with both labels: green Lead, orange Customer', async () => {
    expect(chips(await labels(['Lead', 'Customer']))).to.deep.equal([
      { text: 'Lead', background: 'rgb(46, 132, 74)', color: 'rgb(255, 255, 255)' },
      { text: 'Customer', background: 'rgb(254, 147, 57)', color: 'rgb(24, 24, 24)' },
    ]);
  });

  it('shows Previous Customer and Unknown in grey', async () => {
    expect(chips(await labels(['Previous Customer', 'Unknown'])).map((chip) => chip.background)).to.deep.equal([
      'rgb(229, 229, 229)',
      'rgb(229, 229, 229)',
    ]);
  });

  it('shows no empty list when the caller earned no label', async () => {
    const element = await labels([]);
    expect(queryAllByRole(element, 'list')).to.have.length(0);
  });
});
