import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { offerInteraction, transitionInteraction } from './interaction-state.ts';
import {
  NOT_RECORDED,
  RECORDING_TRANSITIONS,
  askRecording,
  recordingCommandsNow,
  recordingConfirmed,
  recordingNotConfirmed,
  transitionRecording,
  withRecordingEvent,
  type RecordingCommand,
  type RecordingState,
  type RecordingStatus,
} from './recording.ts';
import { formatJourney } from './journey.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const STATES: readonly RecordingState[] = ['off', 'recording', 'paused', 'stopped'];
const COMMANDS: readonly RecordingCommand[] = ['start', 'pause', 'resume', 'stop'];

/** Every legal move, written out from the diagram independently of the table. */
const LEGAL: Readonly<Record<string, RecordingState>> = {
  'off > start': 'recording',
  'recording > pause': 'paused',
  'recording > stop': 'stopped',
  'paused > resume': 'recording',
  'paused > stop': 'stopped',
  'stopped > start': 'recording',
};

const AT = Date.UTC(2026, 10, 22, 10, 0, 0);

/** The platform answered 200 to `command` in `status`. */
function confirmed(status: RecordingStatus, command: RecordingCommand): RecordingStatus {
  return recordingConfirmed(askRecording(status, command));
}

describe('recording: the state table', () => {
  for (const from of STATES) {
    for (const command of COMMANDS) {
      const to = LEGAL[`${from} > ${command}`];
      if (to) {
        it(`${from} --${command}--> ${to}`, () => {
          expect(transitionRecording(from, command)).to.equal(to);
        });
      } else {
        it(`${from} refuses ${command} with INVALID_TRANSITION`, () => {
          const error = thrown(() => transitionRecording(from, command));
          expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
          expect((error as Error).message).to.equal(`Recording cannot ${command} while ${from}.`);
        });
      }
    }
  }

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(RECORDING_TRANSITIONS)).to.equal(true);
    expect(Object.values(RECORDING_TRANSITIONS).every((row) => Object.isFrozen(row))).to.equal(true);
  });

  it('refuses a command that is not one (outside input)', () => {
    const error = thrown(() => transitionRecording('off', 'rewind' as RecordingCommand));
    expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
  });
});

describe('recording: a command waits for the platform', () => {
  it('offers Start on a call never recorded, Pause and Stop while recording, Resume and Stop while paused, Start again once stopped', () => {
    expect(recordingCommandsNow(NOT_RECORDED)).to.deep.equal(['start']);
    const recording = confirmed(NOT_RECORDED, 'start');
    expect(recordingCommandsNow(recording)).to.deep.equal(['pause', 'stop']);
    const paused = confirmed(recording, 'pause');
    expect(recordingCommandsNow(paused)).to.deep.equal(['resume', 'stop']);
    expect(recordingCommandsNow(confirmed(paused, 'stop'))).to.deep.equal(['start']);
  });

  it('changes nothing until the platform says yes, and offers no command meanwhile', () => {
    const asked = askRecording(NOT_RECORDED, 'start');
    expect(asked).to.deep.equal({ state: 'off', pending: 'start' });
    expect(recordingCommandsNow(asked)).to.deep.equal([]);
    expect(recordingConfirmed(asked)).to.deep.equal({ state: 'recording' });
  });

  it('stays as it was when the platform refuses or does not answer', () => {
    const recording = confirmed(NOT_RECORDED, 'start');
    const asked = askRecording(recording, 'pause');
    expect(recordingNotConfirmed(asked)).to.deep.equal({ state: 'recording' });
    expect(recordingNotConfirmed(recording)).to.equal(recording);
  });

  it('refuses a second command while one is pending (RECORDING_PENDING), naming both', () => {
    const asked = askRecording(NOT_RECORDED, 'start');
    const error = thrown(() => askRecording(asked, 'stop'));
    expect(isContactPadError(error, 'RECORDING_PENDING')).to.equal(true);
    expect((error as Error).message).to.equal('The recording is still waiting for the platform to start; nothing was sent.');
    expect(asked).to.deep.equal({ state: 'off', pending: 'start' });
  });

  it('refuses a command the table does not allow before anything is sent, and a confirmation nobody waited for', () => {
    expect(isContactPadError(thrown(() => askRecording(NOT_RECORDED, 'pause')), 'INVALID_TRANSITION')).to.equal(true);
    expect(isContactPadError(thrown(() => recordingConfirmed(NOT_RECORDED)), 'INVALID_TRANSITION')).to.equal(true);
  });

  it('hands out frozen statuses', () => {
    expect(Object.isFrozen(askRecording(NOT_RECORDED, 'start'))).to.equal(true);
    expect(Object.isFrozen(confirmed(NOT_RECORDED, 'start'))).to.equal(true);
  });
});

describe('recording: the journey says that and when the call was recorded', () => {
  const answered = transitionInteraction(offerInteraction({ id: 'call-1', channel: 'voice', direction: 'outbound', callerNumber: '+14155550142' }, AT), 'connected', AT + 2000);

  it('adds one journey line per confirmed command, in the Task Description format', () => {
    const started = withRecordingEvent(answered, 'start', AT + 5000);
    const paused = withRecordingEvent(started, 'pause', AT + 65_000);
    const resumed = withRecordingEvent(transitionInteraction(paused, 'held', AT + 70_000), 'resume', AT + 80_000);
    const stopped = withRecordingEvent(transitionInteraction(resumed, 'wrap-up', AT + 90_000), 'stop', AT + 90_500);
    expect(formatJourney(stopped.journey)).to.equal(
      [
        '2026-11-22T10:00:00Z offered',
        '2026-11-22T10:00:02Z answered',
        '2026-11-22T10:00:05Z recording-started',
        '2026-11-22T10:01:05Z recording-paused',
        '2026-11-22T10:01:10Z held',
        '2026-11-22T10:01:20Z recording-resumed',
        '2026-11-22T10:01:30Z released',
        '2026-11-22T10:01:30Z recording-stopped',
      ].join('\n'),
    );
    expect(stopped.state).to.equal('wrap-up');
    expect(Object.isFrozen(stopped) && Object.isFrozen(stopped.journey)).to.equal(true);
    expect(answered.journey).to.have.length(2);
  });

  it('refuses to change the recording of a call still ringing or already ended', () => {
    const ringing = offerInteraction({ id: 'call-2', channel: 'voice', direction: 'inbound' }, AT);
    expect(isContactPadError(thrown(() => withRecordingEvent(ringing, 'start', AT)), 'INVALID_TRANSITION')).to.equal(true);
    const ended = transitionInteraction(transitionInteraction(answered, 'wrap-up', AT + 9000), 'ended', AT + 10_000);
    expect(isContactPadError(thrown(() => withRecordingEvent(ended, 'stop', AT + 11_000)), 'INVALID_TRANSITION')).to.equal(true);
  });
});
