/**
 * The words of call recording and voicemail drop: a part of the catalogue (words.ts) loaded
 * with their controls (cp-call-recording, cp-voicemail-drop), off the ring-and-answer bundle.
 */
import type { RecordingCommand, RecordingState } from '../../adapter/src/store.ts';

/** Where the recording stands, as the call shows it. */
export function recordingStateWords(state: RecordingState): string {
  switch (state) {
    case 'off':
      return 'Not recording';
    case 'recording':
      return 'Recording';
    case 'paused':
      return 'Recording paused';
    case 'stopped':
      return 'Recording stopped';
  }
}

/** What is announced when the platform confirmed a change. */
export function recordingAnnouncement(state: RecordingState): string {
  switch (state) {
    case 'recording':
      return 'Recording: the call is being recorded.';
    case 'paused':
      return 'Recording paused.';
    case 'stopped':
      return 'Recording stopped.';
    case 'off':
      return 'Not recording.';
  }
}

/** A recording button: what it does (its accessible name). */
export function recordingCommandWords(command: RecordingCommand): string {
  switch (command) {
    case 'start':
      return 'Record';
    case 'pause':
      return 'Pause recording';
    case 'resume':
      return 'Resume recording';
    case 'stop':
      return 'Stop recording';
  }
}

/** A command waiting for the platform's answer. */
export function recordingPendingWords(command: RecordingCommand): string {
  switch (command) {
    case 'start':
      return 'Starting recording…';
    case 'pause':
      return 'Pausing recording…';
    case 'resume':
      return 'Resuming recording…';
    case 'stop':
      return 'Stopping recording…';
  }
}

/** The recording and voicemail controls' other words. */
export const RECORDING_WORDS = Object.freeze({
  recording: 'Call recording',
  voicemail: 'Voicemail drop',
  message: 'Message',
  drop: 'Drop voicemail',
  dropping: 'Dropping voicemail…',
  dropHint: 'Plays the message to the voicemail and frees you at once; the call ends when the message does.',
});
