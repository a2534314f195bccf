import { expect, fixture, html } from '@open-wc/testing';
import './contact-pad.ts';
import './cp-audio-settings.ts';
import type { CpAudioSettings } from './cp-audio-settings.ts';
import type { ContactPad } from './contact-pad.ts';
import type { AudioDevicesView } from '../../adapter/src/store.ts';
import { findByRole, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { snapshot } from '../test-support/snapshots.ts';

const listed: AudioDevicesView = {
  microphones: [
    { id: 'mic-jabra', label: 'Jabra Evolve2 40' },
    { id: 'mic-laptop', label: 'MacBook Pro Microphone' },
  ],
  outputs: [
    { id: 'out-jabra', label: 'Jabra Evolve2 40' },
    { id: 'out-speakers', label: 'External Speakers' },
  ],
  named: true,
  chosen: { microphone: 'mic-jabra', speaker: 'out-jabra', ringer: 'out-speakers', ringVolume: 60 },
  outputChoice: true,
};

async function panel(audio: AudioDevicesView, notifications: CpAudioSettings['notifications'] = 'granted'): Promise<CpAudioSettings> {
  const element = await fixture<CpAudioSettings>(html`<cp-audio-settings .audio=${audio}></cp-audio-settings>`);
  element.notifications = notifications;
  await element.updateComplete;
  return element;
}

const selected = (select: HTMLElement) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim();

describe('<cp-audio-settings>: the devices panel', () => {
  it('shows the microphone, speaker and ringer chosen, and the ring volume', async () => {
    const element = await panel(listed);
    expect(selected(getByRole(element, 'combobox', { name: 'Microphone' }))).to.equal('Jabra Evolve2 40');
    expect(selected(getByRole(element, 'combobox', { name: 'Speaker' }))).to.equal('Jabra Evolve2 40');
    expect(selected(getByRole(element, 'combobox', { name: 'Ringer' }))).to.equal('External Speakers');
    const options = Array.from((getByRole(element, 'combobox', { name: 'Ringer' }) as HTMLSelectElement).options).map((option) => option.textContent?.trim());
    expect(options).to.deep.equal(['Browser default', 'Jabra Evolve2 40', 'External Speakers']);
    expect((getByRole(element, 'slider', { name: 'Ring volume' }) as HTMLInputElement).value).to.equal('60');
  });

  it('sends the agent\'s choices: a device for each role, the browser default, the ring volume', async () => {
    const element = await panel(listed);
    const { intents } = recordIntents(element);
    const ringer = getByRole(element, 'combobox', { name: 'Ringer' }) as HTMLSelectElement;
    ringer.value = 'out-jabra';
    ringer.dispatchEvent(new Event('change'));
    const microphone = getByRole(element, 'combobox', { name: 'Microphone' }) as HTMLSelectElement;
    microphone.value = '';
    microphone.dispatchEvent(new Event('change'));
    const volume = getByRole(element, 'slider', { name: 'Ring volume' }) as HTMLInputElement;
    volume.value = '25';
    volume.dispatchEvent(new Event('change'));
    expect(intents).to.deep.equal([
      { type: 'choose-audio-device', role: 'ringer', deviceId: 'out-jabra' },
      { type: 'choose-audio-device', role: 'microphone', deviceId: '' },
      { type: 'set-ring-volume', volume: 25 },
    ]);
  });

  it('a chosen headset that is unplugged stays shown as not connected', async () => {
    const element = await panel({ ...listed, microphones: [{ id: 'mic-laptop', label: 'MacBook Pro Microphone' }] });
    expect(selected(getByRole(element, 'combobox', { name: 'Microphone' }))).to.equal('Microphone (not connected)');
  });

  it('says when the names are hidden, when the browser cannot choose outputs, and that notifications are off', async () => {
    const element = await panel({ ...listed, named: false, outputChoice: false, microphones: [{ id: 'm1', label: '' }] }, 'denied');
    const text = shownText(element);
    expect(text).to.include('Device names show once ContactPad may use the microphone.');
    expect(text).to.include('This browser plays calls and the ringtone on its default output only.');
    expect(text).to.include('Notifications are off for ContactPad (the browser blocks them here); incoming calls still ring.');
    expect((getByRole(element, 'combobox', { name: 'Ringer' }) as HTMLSelectElement).disabled).to.equal(true);
    const microphones = Array.from((getByRole(element, 'combobox', { name: 'Microphone' }) as HTMLSelectElement).options).map((option) => option.textContent?.trim());
    expect(microphones, 'an unnamed device gets a number').to.include('Device 1');
  });
});

describe('<contact-pad>: the Devices button', () => {
  it('opens the devices panel (loaded on first use), which asks for the devices to be listed', async () => {
    const pad = await fixture<ContactPad>(html`<contact-pad .snapshot=${snapshot({ audio: listed })}></contact-pad>`);
    const { intents } = recordIntents(pad);
    const button = getByRole(pad, 'button', { name: 'Devices' });
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(queryAllByRole(pad, 'combobox', { name: 'Ringer' })).to.deep.equal([]);
    button.click();
    const ringer = await findByRole(pad, 'combobox', { name: 'Ringer' });
    expect(selected(ringer)).to.equal('External Speakers');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(intents).to.deep.include({ type: 'list-audio-devices' });
  });
});
