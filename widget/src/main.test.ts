import { expect } from '@open-wc/testing';
import { mountContactPad } from './main.ts';
import type { ContactPad } from './contact-pad.ts';
import type { Intent } from '../../adapter/src/store.ts';
import { CALL_POP_PAINTED_MARK } from './paint-marks.ts';
import { snapshot, view } from '../test-support/snapshots.ts';
import { deepQueryAll, getByRole } from '../test-support/queries.ts';

/** Waits until <contact-pad> and every element below it has rendered. */
async function rendered(element: ContactPad): Promise<void> {
  await element.updateComplete;
  for (const child of deepQueryAll<HTMLElement & { updateComplete?: Promise<unknown> }>(element, '*')) await child.updateComplete;
}

const mounts: HTMLElement[] = [];

/** An element of the page to mount in, with something in it already. */
function mountPoint(): HTMLElement {
  const mount = document.createElement('div');
  mount.append(document.createElement('p'));
  document.body.append(mount);
  mounts.push(mount);
  return mount;
}

afterEach(() => {
  for (const mount of mounts.splice(0)) mount.remove();
});

describe('mounting the widget (widget/src/main.ts)', () => {
  it('puts one <contact-pad> in the element, in place of what was there, empty until the first snapshot', async () => {
    const mount = mountPoint();
    mountContactPad(mount, () => {});
    expect([...mount.children].map((child) => child.localName)).to.deep.equal(['contact-pad']);
    const element = mount.firstElementChild as ContactPad;
    await rendered(element);
    expect(element.snapshot).to.equal(undefined);
  });

  it('renders each snapshot it is given and hands every intent of the agent to the callback', async () => {
    const mount = mountPoint();
    const intents: Intent[] = [];
    const pad = mountContactPad(mount, (intent) => intents.push(intent));
    const element = mount.firstElementChild as ContactPad;
    const ringing = view({ id: 'ci-mount-1' });
    const shown = snapshot({ interactions: [ringing] });
    pad.render(shown);
    await rendered(element);
    expect(element.snapshot).to.equal(shown);
    getByRole(getByRole(element, 'region', { name: /^Incoming voice call/ }), 'button', { name: 'Accept' }).click();
    expect(intents).to.deep.equal([{ type: 'accept', interactionId: 'ci-mount-1' }]);

    pad.render(snapshot({ interactions: [] }));
    await rendered(element);
    expect(element.snapshot?.interactions).to.deep.equal([]);
  });

  it('marks the first paint of an incoming call pop, once per interaction, for the benchmark', async () => {
    const mount = mountPoint();
    const pad = mountContactPad(mount, () => {});
    const element = mount.firstElementChild as ContactPad;
    const marks = () => performance.getEntriesByName(CALL_POP_PAINTED_MARK).filter((mark) => (mark as PerformanceMark).detail?.interactionId === 'ci-mount-2');
    const ringing = snapshot({ interactions: [view({ id: 'ci-mount-2' })] });
    pad.render(ringing);
    pad.render(ringing);
    await rendered(element);
    await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
    expect(marks()).to.have.length(1);
  });
});
