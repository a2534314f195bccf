import { expect } from '@open-wc/testing';
import { RemoteAudio } from './media.ts';

describe('RemoteAudio: the calls\' remote audio', () => {
  function stream(): MediaStream {
    const context = new AudioContext();
    const destination = context.createMediaStreamDestination();
    const oscillator = context.createOscillator();
    oscillator.connect(destination);
    oscillator.start();
    return destination.stream;
  }

  it('plays one stream per call and lets it go when the call ends', () => {
    const audio = new RemoteAudio();
    audio.play('call-1', stream());
    audio.play('call-2', stream());
    expect(audio.isPlaying('call-1')).to.equal(true);
    audio.stop('call-1');
    expect(audio.isPlaying('call-1')).to.equal(false);
    expect(audio.isPlaying('call-2')).to.equal(true);
    audio.stopAll();
    expect(audio.isPlaying('call-2')).to.equal(false);
  });

  it('adds nothing to the page (the widget renders no media elements)', () => {
    const before = document.querySelectorAll('audio').length;
    const audio = new RemoteAudio();
    audio.play('call-3', stream());
    expect(document.querySelectorAll('audio').length).to.equal(before);
    audio.stopAll();
  });

  it('ignores stopping a call it does not play', () => {
    expect(() => new RemoteAudio().stop('unknown')).to.not.throw();
  });
});
