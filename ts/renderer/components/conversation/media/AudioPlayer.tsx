// The inline audio and voice-message player (spec/ui.md §4.3): play/pause, a speed button cycling
// 1x → 1.5x → 2x, the remaining time and a seekable progress bar (a range input, so arrows, Home and
// End seek from the keyboard). It registers with the timeline's AudioPlayback for "one at a time" and
// autoplay of the next consecutive audio.
import { Pause, Play } from 'lucide-react';
import { useContext, useEffect, useRef, useState } from 'react';
import styled from 'styled-components';
import type { AttachmentView } from '../../../../ipc/contract';
import { useAttachmentUrl } from '../../../hooks/useAttachmentUrl';
import { t } from '../../../locales/i18n';
import { AudioPlaybackContext } from './audioPlayback';
import { attachmentKey, formatDuration, SPEED_LABELS, SPEEDS } from './mediaRules';

const Player = styled.div`
  display: flex;
  align-items: center;
  gap: 8px;
  width: 260px;
  max-width: 100%;
  padding: 4px 0;
  .ap-toggle {
    display: inline-flex;
    flex: none;
    align-items: center;
    justify-content: center;
    width: 34px;
    height: 34px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--text-primary-color);
    color: var(--background-primary-color);
    cursor: pointer;
  }
  .ap-toggle:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .ap-seek {
    flex: 1;
    min-width: 0;
    accent-color: currentColor;
  }
  .ap-time {
    flex: none;
    min-width: 36px;
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }
  .ap-speed {
    flex: none;
    min-width: 38px;
    padding: 2px 6px;
    border: 1px solid currentColor;
    border-radius: 10px;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 11px;
    font-weight: 700;
    cursor: pointer;
  }
  button:focus-visible,
  .ap-seek:focus-visible {
    outline: 2px solid var(--text-primary-color);
    outline-offset: 2px;
  }
`;

export interface AudioPlayerProps {
  messageId: string;
  attachment: AttachmentView;
}

export function AudioPlayer({ messageId, attachment }: AudioPlayerProps) {
  const { url } = useAttachmentUrl(messageId, attachment.index, 'full', attachment.state);
  const playback = useContext(AudioPlaybackContext);
  const audioRef = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  // The element's own figure once it has read the file, else the one the backend stored (read from the
  // file's frames when it arrived, or the recorder's): a received voice message shows its length at once.
  const [elementDuration, setElementDuration] = useState<number | undefined>(undefined);
  const duration = elementDuration ?? (attachment.durationMs ?? 0) / 1000;
  const [speed, setSpeed] = useState(0);
  /** A play asked for (autoplay) before the bytes were here: it starts once they are. */
  const wantPlay = useRef(false);
  const key = attachmentKey(messageId, attachment.index);
  const name = attachment.voice ? t('mediaVoiceMessage') : attachment.fileName || t('mediaAudio');

  const start = () => {
    const el = audioRef.current;
    if (!el || !url) {
      wantPlay.current = true;
      return;
    }
    el.playbackRate = SPEEDS[speed]!;
    void el.play()?.catch(() => setPlaying(false));
  };
  const startRef = useRef(start);
  startRef.current = start;

  useEffect(() => {
    if (!playback) return;
    return playback.register(key, { play: () => startRef.current(), pause: () => audioRef.current?.pause() });
  }, [playback, key]);
  useEffect(() => {
    if (url && wantPlay.current) {
      wantPlay.current = false;
      startRef.current();
    }
  }, [url]);

  const cycleSpeed = () => {
    const next = (speed + 1) % SPEEDS.length;
    setSpeed(next);
    if (audioRef.current) audioRef.current.playbackRate = SPEEDS[next]!;
  };
  const seek = (seconds: number) => {
    const el = audioRef.current;
    if (el) el.currentTime = seconds;
    setPosition(seconds);
  };
  const remaining = Math.max(0, duration - position);
  const speedLabel = t(SPEED_LABELS[SPEEDS[speed]!]);
  return (
    <Player
      data-testid="audio-player"
      data-attachment-index={attachment.index}
      onClick={(e) => e.stopPropagation()}
    >
      <button
        type="button"
        className="ap-toggle"
        aria-label={playing ? t('mediaPause', { name }) : t('mediaPlay', { name })}
        title={playing ? t('mediaPause', { name }) : t('mediaPlay', { name })}
        disabled={!url}
        onClick={() => (playing ? audioRef.current?.pause() : start())}
        data-testid="audio-toggle"
        data-playing={playing || undefined}
      >
        {playing ? <Pause size={16} aria-hidden /> : <Play size={16} aria-hidden />}
      </button>
      <input
        type="range"
        className="ap-seek"
        min={0}
        max={duration > 0 ? duration : 0}
        step={0.1}
        value={Math.min(position, duration)}
        disabled={!url || duration <= 0}
        aria-label={t('mediaPosition')}
        aria-valuetext={`${formatDuration(position * 1000)} / ${formatDuration(duration * 1000)}`}
        onChange={(e) => seek(Number(e.target.value))}
        data-testid="audio-seek"
      />
      <span
        className="ap-time"
        role="timer"
        aria-label={t('mediaRemaining', { time: formatDuration(remaining * 1000) })}
        data-testid="audio-remaining"
      >
        {formatDuration(remaining * 1000)}
      </span>
      <button
        type="button"
        className="ap-speed"
        aria-label={t('mediaSpeed', { speed: speedLabel })}
        onClick={cycleSpeed}
        data-testid="audio-speed"
      >
        {speedLabel}
      </button>
      {url ? (
        <audio
          ref={audioRef}
          src={url}
          preload="metadata"
          onPlay={() => {
            setPlaying(true);
            playback?.started(key);
          }}
          onPause={() => setPlaying(false)}
          onEnded={() => {
            setPlaying(false);
            setPosition(0);
            playback?.ended(key);
          }}
          onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime)}
          onLoadedMetadata={(e) => {
            const d = e.currentTarget.duration;
            if (Number.isFinite(d) && d > 0) setElementDuration(d);
          }}
          data-testid="audio-element"
        />
      ) : null}
    </Player>
  );
}
