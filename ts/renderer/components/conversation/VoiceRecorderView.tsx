// The composer's voice recording view (spec/ui.md §4.7): it replaces the text box while recording —
// a red pulsing dot with the elapsed time and a red stop button; after stopping: play/pause, delete,
// "0:05 / 0:12" and send. Keys: Enter stops then sends, Space plays or pauses, Esc or Delete discards.
// Recordings stop by themselves after five minutes.
import { ArrowUp, Loader2, Pause, Play, Square, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import styled, { keyframes } from 'styled-components';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { MAX_VOICE_MS, type VoiceRecorder, type VoiceState } from '../../media/voiceRecorder';
import { objectUrlFor, revokeObjectUrl } from '../../state/staging';
import { IconButton } from '../common/IconButton';

const pulse = keyframes`
  0%, 100% { opacity: 1; }
  50% { opacity: 0.25; }
`;

const Bar = styled.div`
  display: flex;
  flex: 1;
  align-items: center;
  gap: 10px;
  min-height: 38px;
  padding: 0 8px 0 14px;
  border-radius: 19px;
  background: var(--search-bar-background-color);
  outline: none;
  &:focus-visible {
    box-shadow: 0 0 0 2px var(--primary-color);
  }
`;

const Dot = styled.span`
  width: 10px;
  height: 10px;
  flex: none;
  border-radius: 50%;
  background: var(--danger-color);
  animation: ${pulse} 1.2s ease-in-out infinite;
`;

const Time = styled.span`
  flex: 1;
  font-variant-numeric: tabular-nums;
  font-size: 14px;
`;

/** The composer's round action button (send, stop recording). */
export const RoundButton = styled.button<{ $tone: 'danger' | 'primary' }>`
  display: flex;
  flex: none;
  align-items: center;
  justify-content: center;
  width: 38px;
  height: 38px;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: ${(p) => (p.$tone === 'danger' ? 'var(--danger-color)' : 'var(--primary-color)')};
  color: ${(p) => (p.$tone === 'danger' ? '#fff' : 'var(--text-on-accent-color)')};
  cursor: pointer;
  &:disabled {
    opacity: 0.4;
    cursor: default;
  }
  &:focus-visible {
    outline: 2px solid var(--text-primary-color);
    outline-offset: 2px;
  }
  svg.spin {
    animation: voice-spin 1s linear infinite;
  }
  @keyframes voice-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;

/** "m:ss" of a duration in ms (whole seconds, rounded down). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The recorder's state, re-rendered on each change. */
export function useVoiceState(recorder: VoiceRecorder): VoiceState {
  const [state, setState] = useState(recorder.current);
  useEffect(() => {
    setState(recorder.current);
    return recorder.subscribe(setState);
  }, [recorder]);
  return state;
}

export function VoiceRecorderView({
  recorder,
  onSend,
  onDiscard,
}: {
  recorder: VoiceRecorder;
  /** Sends the finished recording. */
  onSend: (mp3: Uint8Array, durationMs: number) => void;
  onDiscard: () => void;
}) {
  const state = useVoiceState(recorder);
  const now = useNow();
  const barRef = useRef<HTMLDivElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const [, setTick] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [url, setUrl] = useState<string | undefined>(undefined);
  /** Enter during recording: send as soon as the MP3 is ready. */
  const sendWhenReady = useRef(false);

  useEffect(() => {
    barRef.current?.focus();
  }, [state.phase]);

  // The elapsed time ticks while recording.
  useEffect(() => {
    if (state.phase !== 'recording') return;
    const id = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [state.phase]);

  // The finished recording plays from an object URL of its MP3.
  const recorded = state.phase === 'recorded' ? state : null;
  useEffect(() => {
    if (!recorded) return;
    const made = objectUrlFor(new Blob([recorded.mp3] as BlobPart[], { type: 'audio/mpeg' }));
    setUrl(made);
    setPosition(0);
    return () => revokeObjectUrl(made);
  }, [recorded]);

  useEffect(() => {
    if (recorded && sendWhenReady.current) {
      sendWhenReady.current = false;
      onSend(recorded.mp3, recorded.durationMs);
    }
  }, [recorded, onSend]);

  const discard = () => {
    audioRef.current?.pause();
    sendWhenReady.current = false;
    recorder.discard();
    onDiscard();
  };
  const togglePlay = () => {
    const audio = audioRef.current;
    if (!audio || !recorded) return;
    if (audio.paused) {
      void Promise.resolve(audio.play()).catch(() => setPlaying(false));
    } else {
      audio.pause();
    }
  };
  const send = () => {
    if (state.phase === 'recording') {
      sendWhenReady.current = true;
      recorder.stop();
    } else if (recorded) {
      audioRef.current?.pause();
      onSend(recorded.mp3, recorded.durationMs);
    } else if (state.phase === 'encoding') {
      sendWhenReady.current = true;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // On a focused button, Enter and Space press that button; on the bar itself they are the shortcuts.
    const onBar = e.target === e.currentTarget;
    if (e.key === 'Enter' && onBar) {
      e.preventDefault();
      send();
    } else if (e.key === ' ' && onBar && recorded) {
      e.preventDefault();
      togglePlay();
    } else if (e.key === 'Escape' || e.key === 'Delete') {
      e.preventDefault();
      e.stopPropagation();
      discard();
    }
  };

  let body;
  if (state.phase === 'recording') {
    const elapsed = Math.min(MAX_VOICE_MS, now() - state.startedAt);
    body = (
      <>
        <Dot aria-hidden />
        <Time role="timer" aria-label={t('composeRecording')} data-testid="voice-elapsed">
          {formatClock(elapsed)}
        </Time>
        <IconButton label={t('composeDiscardRecording')} onClick={discard} data-testid="voice-discard">
          <Trash2 size={20} aria-hidden />
        </IconButton>
        <RoundButton type="button" $tone="danger" aria-label={t('composeStopRecording')} title={t('composeStopRecording')} onClick={() => recorder.stop()} data-testid="voice-stop">
          <Square size={16} aria-hidden fill="currentColor" />
        </RoundButton>
      </>
    );
  } else if (recorded) {
    body = (
      <>
        <IconButton
          label={playing ? t('composePauseRecording') : t('composePlayRecording')}
          onClick={togglePlay}
          aria-pressed={playing}
          data-testid="voice-play"
        >
          {playing ? <Pause size={20} aria-hidden /> : <Play size={20} aria-hidden />}
        </IconButton>
        <Time data-testid="voice-time">{t('composePlaybackTime', { position: formatClock(position), duration: formatClock(recorded.durationMs) })}</Time>
        <IconButton label={t('composeDiscardRecording')} onClick={discard} data-testid="voice-discard">
          <Trash2 size={20} aria-hidden />
        </IconButton>
        <RoundButton type="button" $tone="primary" aria-label={t('composeSendRecording')} title={t('composeSendRecording')} onClick={send} data-testid="voice-send">
          <ArrowUp size={20} aria-hidden />
        </RoundButton>
        {url ? (
          <audio
            ref={audioRef}
            src={url}
            preload="auto"
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onEnded={() => {
              setPlaying(false);
              setPosition(0);
            }}
            onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime * 1000)}
            data-testid="voice-audio"
          />
        ) : null}
      </>
    );
  } else {
    body = (
      <>
        <Time aria-live="polite" data-testid="voice-encoding">
          {t('composeEncoding')}
        </Time>
        <IconButton label={t('composeDiscardRecording')} onClick={discard} data-testid="voice-discard">
          <Trash2 size={20} aria-hidden />
        </IconButton>
        <RoundButton type="button" $tone="primary" aria-label={t('composeSendRecording')} title={t('composeSendRecording')} disabled data-testid="voice-send">
          <Loader2 className="spin" size={20} aria-hidden />
        </RoundButton>
      </>
    );
  }
  return (
    <Bar ref={barRef} tabIndex={-1} role="group" aria-label={t('composeRecordVoice')} onKeyDown={onKeyDown} data-testid="voice-recorder" data-phase={state.phase}>
      {body}
    </Bar>
  );
}
