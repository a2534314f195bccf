/**
 * The recording desk alone, with the real model and desks, over a stand-in for the phone that
 * records each request (the end-to-end suite sends the INFO to a real SIP peer).
 */
import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { activityFromInteraction } from '../crm/activity-log.ts';
import { consultFacts } from '../model/handover-facts.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { RecordingPhone, settled, loadedTestDesks } from '../../test-support/desk-rig.ts';
import { failureOf, rejectionOf } from '../../test-support/thrown.ts';
import { RecordingDesk } from './recording-desk.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const CONTROLS = { '/ContactPad/recordingControls': 'true' };

/** The desks with a phone, the agent Ready, and a recording desk. */
async function floor(items: Record<string, string> = CONTROLS) {
  const desks = await loadedTestDesks(items);
  const phone = new RecordingPhone();
  desks.rooms.phone = phone;
  desks.agent.choose({ status: 'ready' });
  return { ...desks, phone, recording: new RecordingDesk(desks) };
}

type Floor = Awaited<ReturnType<typeof floor>>;

/** An answered inbound call `id`, reported connected to the recording desk as the switchboard does. */
function answered(desks: Floor, id = 'c1'): string {
  desks.view.add(offerInteraction({ id, channel: 'voice', direction: 'inbound', callerName: 'Maria Lopez', callerNumber: '+14155550100' }, desks.clock.now()), { acceptedByAgent: false, releaseFailed: false, popSettled: true });
  desks.voice.connected(id);
  desks.recording.connected(id);
  return id;
}

const recordingOf = (desks: Floor, id = 'c1') => desks.view.view(id)?.recording;
const journeyKinds = (desks: Floor, id = 'c1') => desks.view.interaction(id)?.journey.map((event) => event.kind);

describe('the recording desk', () => {
  it('shows Not recording on a connected call, with Start offered when the call center offers the controls', async () => {
    const desks = await floor();
    answered(desks);
    expect(recordingOf(desks)).to.deep.equal({ state: 'off', commands: ['start'] });
    expect(desks.phone.asked).to.deep.equal(['start']);
  });

  it('start: pending (no command offered) until the platform agrees, then recording, with a journey line', async () => {
    const desks = await floor();
    answered(desks);
    desks.clock.advance(5000);
    const starting = desks.recording.command('c1', 'start');
    expect(recordingOf(desks)).to.deep.equal({ state: 'off', pending: 'start', commands: [] });
    await starting;
    expect(desks.phone.asked.at(-1)).to.equal('recording c1 start');
    expect(recordingOf(desks)).to.deep.equal({ state: 'recording', commands: ['pause', 'stop'] });
    expect(desks.view.interaction('c1')?.journey.at(-1)).to.deep.equal({ at: desks.clock.now(), kind: 'recording-started' });
  });

  it('pause, resume and stop, each confirmed, each in the Task\'s journey', async () => {
    const desks = await floor();
    answered(desks);
    for (const command of ['start', 'pause', 'resume', 'stop'] as const) await desks.recording.command('c1', command);
    expect(desks.phone.asked.slice(1)).to.deep.equal(['recording c1 start', 'recording c1 pause', 'recording c1 resume', 'recording c1 stop']);
    expect(recordingOf(desks)).to.deep.equal({ state: 'stopped', commands: ['start'] });
    const task = activityFromInteraction(desks.view.interaction('c1')!, {}, desks.clock.now());
    expect(task.Description).to.match(/recording-started\n.*recording-paused\n.*recording-resumed\n.*recording-stopped$/);
  });

  it('a refusal leaves the recording as it was, offers the commands again and tells why', async () => {
    const desks = await floor();
    answered(desks);
    await desks.recording.command('c1', 'start');
    desks.phone.fail.set('recording', new ContactPadError('RECORDING_FAILED', 'The platform refused to pause the recording (501 Not Implemented); the recording is as it was.'));
    const error = await rejectionOf(desks.recording.command('c1', 'pause'));
    expect(isContactPadError(error, 'RECORDING_FAILED')).to.equal(true);
    expect(recordingOf(desks)).to.deep.equal({ state: 'recording', commands: ['pause', 'stop'] });
    expect(journeyKinds(desks)).to.deep.equal(['offered', 'answered', 'recording-started']);
  });

  it('refuses a second command while one waits for the platform (RECORDING_PENDING), sending nothing more', async () => {
    const desks = await floor();
    answered(desks);
    const first = desks.recording.command('c1', 'start');
    const second = await failureOf(desks.recording.command('c1', 'start'));
    expect(isContactPadError(second, 'RECORDING_PENDING')).to.equal(true);
    await first;
    expect(desks.phone.asked.filter((asked) => asked.startsWith('recording'))).to.deep.equal(['recording c1 start']);
    expect(recordingOf(desks)?.state).to.equal('recording');
  });

  it('refuses a command the state does not allow, without sending it', async () => {
    const desks = await floor();
    answered(desks);
    const error = await rejectionOf(desks.recording.command('c1', 'pause'));
    expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
    expect(desks.phone.asked).to.deep.equal(['start']);
  });

  it('auto-start: the platform is asked at once, the call shows Recording, and without controls the agent cannot change it', async () => {
    const desks = await floor({ '/ContactPad/recordingAutoStart': 'true' });
    answered(desks);
    await settled();
    expect(desks.phone.asked).to.deep.equal(['start', 'recording c1 start']);
    expect(recordingOf(desks)).to.deep.equal({ state: 'recording', commands: [] });
    expect(isContactPadError(await rejectionOf(desks.recording.command('c1', 'stop')), 'INVALID_TRANSITION')).to.equal(true);
  });

  it('auto-start refused: the agent is told, the call shows Not recording and Start stays offered', async () => {
    const desks = await floor({ ...CONTROLS, '/ContactPad/recordingAutoStart': 'true' });
    desks.phone.fail.set('recording', new ContactPadError('RECORDING_FAILED', 'The platform refused to start the recording (403 Forbidden); the recording is as it was.'));
    answered(desks);
    await settled();
    expect(desks.store.snapshot.notices.map((notice) => notice.code)).to.deep.equal(['RECORDING_FAILED']);
    expect(recordingOf(desks)).to.deep.equal({ state: 'off', commands: ['start'] });
  });

  it('is not offered without the call center items, nor on a consult call', async () => {
    const off = await floor({});
    answered(off);
    expect(recordingOf(off)).to.equal(undefined);
    expect(off.phone.asked).to.deep.equal(['start']);
    const desks = await floor();
    desks.view.add(offerInteraction({ id: 'consult', channel: 'voice', direction: 'outbound', callerName: 'Jordan Lee' }, desks.clock.now()), consultFacts('c0'));
    desks.voice.connected('consult');
    desks.recording.connected('consult');
    expect(recordingOf(desks, 'consult')).to.equal(undefined);
  });

  it('shows the recording while the call is held, not once released; an answer after the release still reaches the journey', async () => {
    const desks = await floor();
    answered(desks);
    await desks.recording.command('c1', 'start');
    await desks.voice.hold('c1');
    expect(recordingOf(desks)?.state).to.equal('recording');
    const stopping = desks.recording.command('c1', 'stop');
    // The agent's BYE crossed the INFO: wrap up starts before the platform's 200 OK comes in.
    desks.wrapUp.enter('c1', 'released');
    expect(recordingOf(desks)).to.equal(undefined);
    await stopping;
    expect(journeyKinds(desks)).to.deep.equal(['offered', 'answered', 'recording-started', 'held', 'released', 'recording-stopped']);
  });

  it('says nothing when the call ends before the platform answers (nothing left to record), and refuses commands after', async () => {
    const desks = await floor();
    answered(desks);
    desks.phone.fail.set('recording', new ContactPadError('CALL_NOT_FOUND', 'The call ended before the platform answered the recording start.'));
    const starting = desks.recording.command('c1', 'start');
    desks.voice.ended('c1', { reason: 'remote-hangup' });
    expect(await failureOf(starting)).to.equal(undefined);
    expect(desks.store.snapshot.notices).to.deep.equal([]);
    expect(journeyKinds(desks)).to.deep.equal(['offered', 'answered', 'remote-hangup']);
    expect(isContactPadError(await failureOf(desks.recording.command('c1', 'start')), 'INVALID_TRANSITION')).to.equal(true);
  });
});
