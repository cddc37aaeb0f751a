// The composition box (spec/ui.md §4.7): a growing text box with Enter / Shift+Enter per the setting
// (IME composition respected), the 2,000 code point counter and "Message Too Long" dialog, the warning
// before sending our own recovery password, and a draft per conversation: kept in memory at once and
// saved with the backend shortly after typing stops (and when the conversation is left), so it
// survives switching and restarts. Attachments come from the "+" button (Ctrl/Cmd+U), drag-and-drop
// on the conversation and pasted images, and wait on the rail above the box (state/compose.ts); with
// no text and nothing staged the send button is the microphone, which records a voice message when
// the Microphone setting allows it.
import { ArrowUp, Mic, Plus } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import styled from 'styled-components';
import { useAppDispatch, useAppSelector } from '../../hooks/redux';
import { useNow } from '../../hooks/useNow';
import { t } from '../../locales/i18n';
import { selectAccount } from '../../state/account';
import { selectConversation } from '../../state/conversations';
import { checkRecoveryPassword, draftChanged, saveDraft, selectDraft, sendMessage } from '../../state/messages';
import { selectSetting } from '../../state/settings';
import { showToast } from '../../state/ui';
import { selectAppInfo } from '../../state/app';
import { attachFiles, awaitingApproval, selectStaged, sendVoice, sendWithAttachments } from '../../state/compose';
import type { RootState } from '../../state/store';
import { browserVoiceDeps, VoiceRecorder } from '../../media/voiceRecorder';
import { IconButton } from '../common/IconButton';
import { useConversationActions } from '../conversationSettings/useConversationActions';
import { AttachmentRail } from './AttachmentRail';
import { Dialog } from './Dialog';
import { RoundButton, VoiceRecorderView } from './VoiceRecorderView';
import { codePointLength, COUNTER_THRESHOLD, MAX_MESSAGE_CODE_POINTS } from './timelineRows';
// --- reactions and replies (begin) ---
import { replyCleared, selectReplyTo } from '../../state/compose';
import { ComposerEmojiButton, insertAtCaret } from '../emoji/ComposerEmojiButton';
import { ReplyPreview } from './quote/ReplyPreview';
// --- reactions and replies (end) ---
import { useComposerLinkPreview } from './linkPreview/useComposerLinkPreview'; // link previews
// --- conversation features: typing indicators (begin) ---
import { useTypingSender } from './useTypingSender';
// --- conversation features: typing indicators (end) ---
// --- communities: @mention suggestions (begin) ---
import { useCommunityRoom } from './community/communityContext';
import { useMentionSuggestions } from './community/useMentionSuggestions';
// --- communities (end) ---

/** Typing pauses this long before the draft is saved with the backend. */
export const DRAFT_SAVE_DELAY_MS = 600;

const Area = styled.div`
  display: flex;
  flex: none;
  flex-direction: column;
  border-top: 1px solid var(--borders-color);
`;

const HiddenInput = styled.input`
  display: none;
`;

const Form = styled.form`
  position: relative;
  display: flex;
  flex: none;
  align-items: flex-end;
  gap: 10px;
  padding: 10px 16px;
  textarea {
    flex: 1;
    min-height: 38px;
    max-height: 160px;
    padding: 9px 12px;
    border: none;
    border-radius: 19px;
    outline: none;
    resize: none;
    background: var(--search-bar-background-color);
    color: var(--text-primary-color);
    font: inherit;
    font-size: 15px;
    line-height: 20px;
  }
  textarea:focus-visible {
    box-shadow: 0 0 0 2px var(--primary-color);
  }
`;

/** A blocked chat's composer (spec/ui.md §4.7): the box stays visible but inert; a click offers to unblock. */
const BlockedBox = styled.button`
  flex: 1;
  min-height: 38px;
  padding: 9px 12px;
  border: none;
  border-radius: 19px;
  background: var(--search-bar-background-color);
  color: var(--text-secondary-color);
  font: inherit;
  font-size: 15px;
  line-height: 20px;
  text-align: start;
  cursor: pointer;
  &:focus-visible {
    box-shadow: 0 0 0 2px var(--primary-color);
    outline: none;
  }
`;

const Counter = styled.span<{ $over: boolean }>`
  position: absolute;
  top: -18px;
  inset-inline-end: 20px;
  font-size: 12px;
  font-weight: ${(p) => (p.$over ? 700 : 400)};
  color: ${(p) => (p.$over ? 'var(--danger-text-color)' : 'var(--text-secondary-color)')};
`;

type Dialogs = 'too-long' | 'recovery-password' | null;

/** Image files on the clipboard (spec/ui.md §4.7: pasting images attaches them; other pastes stay text). */
export function pastedImages(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = Array.from(data.files ?? []);
  const fromItems = files.length > 0 ? files : Array.from(data.items ?? []).flatMap((i) => (i.kind === 'file' ? [i.getAsFile()].filter((f): f is File => f !== null) : []));
  return fromItems.filter((f) => /^image\//i.test(f.type));
}

const NO_IDS: ReadonlySet<string> = new Set();

export function Composer({ conversationId }: { conversationId: string }) {
  const dispatch = useAppDispatch();
  const account = useAppSelector(selectAccount);
  const staged = useAppSelector(selectStaged(conversationId));
  const microphone = useAppSelector(selectSetting('microphone')) === true;
  const outgoingRequest = useAppSelector((s: RootState) => awaitingApproval(s, conversationId));
  const mac = useAppSelector(selectAppInfo)?.platform === 'darwin';
  const now = useNow();
  const fileInput = useRef<HTMLInputElement>(null);
  const [voiceOn, setVoiceOn] = useState(false);
  // The recording's clock is the view's, so the elapsed time it shows is measured on one clock.
  const recorder = useMemo(() => new VoiceRecorder({ ...browserVoiceDeps(), now }), [now]);
  // Leaving the conversation drops an unsent recording and frees the microphone.
  useEffect(() => () => recorder.discard(), [recorder]);
  const enterKey = useAppSelector(selectSetting('enterKey')) ?? 'enter-sends';
  const memoryDraft = useAppSelector(selectDraft(conversationId));
  const summary = useAppSelector(selectConversation(conversationId));
  const savedDraft = summary?.draft;
  const actions = useConversationActions();
  const [text, setTextState] = useState(() => memoryDraft ?? savedDraft ?? '');
  const [dialog, setDialog] = useState<Dialogs>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const touched = useRef(memoryDraft !== undefined);
  const checking = useRef(false);
  // --- reactions and replies (begin) ---
  const replyTo = useAppSelector(selectReplyTo(conversationId));
  // Starting a reply puts the caret in the box (spec/ui.md §4.7).
  useEffect(() => {
    if (replyTo) ref.current?.focus();
  }, [replyTo]);
  /** Where the caret goes once an inserted emoji is in the box. */
  const caretAfter = useRef<number | null>(null);
  const insertEmoji = (emoji: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? text.length;
    const next = insertAtCaret(text, emoji, start, el?.selectionEnd ?? start);
    caretAfter.current = next.caret;
    setText(next.text);
  };
  useLayoutEffect(() => {
    const caret = caretAfter.current;
    if (caret === null || !ref.current) return;
    caretAfter.current = null;
    ref.current.setSelectionRange(caret, caret);
  }, [text]);
  // --- reactions and replies (end) ---

  // --- communities: @mention suggestions (begin) ---
  const room = useCommunityRoom();
  // A room that refuses our uploads offers no attaching or voice messages.
  const canUpload = !room?.community || room.community.canUpload;
  const mentions = useMentionSuggestions(
    room?.conversationId ?? null,
    room?.ownIds ?? NO_IDS,
    (start, end, insert) => {
      caretAfter.current = start + insert.length;
      setText(text.slice(0, start) + insert + text.slice(end));
    },
    room?.community?.blindedId || room?.ownSessionId || undefined,
  );
  // --- communities (end) ---

  // The backend's copy of the draft, debounced; flushed when the conversation is left.
  const pendingSave = useRef<{ timer: ReturnType<typeof setTimeout>; text: string } | null>(null);
  const flushDraft = useRef(() => {});
  flushDraft.current = () => {
    const p = pendingSave.current;
    if (!p) return;
    clearTimeout(p.timer);
    pendingSave.current = null;
    void dispatch(saveDraft({ conversationId, text: p.text }));
  };
  const scheduleSave = (value: string) => {
    if (pendingSave.current) clearTimeout(pendingSave.current.timer);
    pendingSave.current = { text: value, timer: setTimeout(() => flushDraft.current(), DRAFT_SAVE_DELAY_MS) };
  };
  useEffect(() => () => flushDraft.current(), []);

  // --- conversation features: typing indicators ---
  const typing = useTypingSender(conversationId);
  const setText = (value: string) => {
    touched.current = true;
    // --- conversation features: typing indicators ---
    typing.onInput(value);
    setTextState(value);
    dispatch(draftChanged({ conversationId, text: value }));
    scheduleSave(value);
  };

  // The summary (with the saved draft) can arrive after the view opened: adopt it if the user has not typed yet.
  useEffect(() => {
    if (!touched.current && savedDraft) setTextState(savedDraft);
  }, [savedDraft]);

  useEffect(() => {
    ref.current?.focus();
  }, [conversationId]);
  // The box grows with its text up to its max-height, then scrolls.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  const length = codePointLength(text);
  const remaining = MAX_MESSAGE_CODE_POINTS - length;
  const stagingNow = staged.some((i) => i.status !== 'ready');
  const hasContent = text.trim() !== '' || staged.length > 0;
  const canSend = hasContent && account !== null && !stagingNow;
  // --- link previews (begin) ---
  // Not with staged files (spec/ui.md §4.7); the hook owns the card, the consent prompt and the staged image.
  const linkPreview = useComposerLinkPreview(text, { paused: staged.length > 0 || voiceOn });
  // --- link previews (end) ---

  const reallySend = () => {
    if (!account) return;
    // --- communities: inserted "@Name" mentions go out as `@<id>` ---
    const outgoing = mentions.expand(text);
    // In a room our messages carry our blinded id.
    const sender = room?.community?.blindedId ?? account.sessionId;
    if (staged.length > 0) {
      // The text becomes the files' caption (it may be empty); the rail empties with the send.
      void dispatch(
        sendWithAttachments({ conversationId, sender, text: outgoing.trim() === '' ? '' : outgoing, sentAt: now(), ...(replyTo ? { quote: replyTo } : {}) }),
      );
    } else {
      // Sent byte-exact: only an all-whitespace message is refused.
      const preview = linkPreview.take(); // link previews
      void dispatch(
        sendMessage({ conversationId, sender, text: outgoing, sentAt: now(), ...(replyTo ? { quote: replyTo } : {}), ...(preview ? { preview } : {}) }),
      ).then((r) => {
        if (sendMessage.rejected.match(r)) {
          dispatch(showToast({ kind: 'error', message: t('sendFailed', { message: r.payload ?? '' }) }));
        }
      });
    }
    setText('');
    // --- conversation features: typing indicators ---
    typing.stop();
    flushDraft.current();
    // --- replies ---
    if (replyTo) dispatch(replyCleared(conversationId));
  };

  const addFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length > 0) void dispatch(attachFiles({ conversationId, files }));
    },
    [dispatch, conversationId],
  );
  const openPicker = useCallback(() => {
    if (!canUpload) return;
    if (outgoingRequest) {
      dispatch(showToast({ kind: 'error', message: t('composeRequestPending') }));
      return;
    }
    fileInput.current?.click();
  }, [dispatch, outgoingRequest, canUpload]);

  // Ctrl/Cmd+U opens the file picker while this conversation is open and no dialog owns the keyboard.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
      if (!mod || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'u') return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      openPicker();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mac, openPicker]);

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (!canUpload) return;
    const images = pastedImages(e.clipboardData);
    if (images.length === 0) return;
    e.preventDefault();
    addFiles(images);
  };

  const startVoice = () => {
    if (outgoingRequest) {
      dispatch(showToast({ kind: 'error', message: t('composeRequestPending') }));
      return;
    }
    if (!microphone) {
      dispatch(showToast({ kind: 'info', message: t('composeMicrophoneOff') }));
      return;
    }
    setVoiceOn(true);
    void recorder.start();
  };
  // A recording that cannot start or fails while encoding says why and closes the view.
  useEffect(
    () =>
      recorder.subscribe((s) => {
        if (s.phase !== 'error') return;
        setVoiceOn(false);
        const message =
          s.failure === 'no-input' ? t('composeNoAudioInput') : s.failure === 'denied' ? t('composeMicrophoneOff') : t('composeRecordingFailed', { message: s.message });
        dispatch(showToast({ kind: 'error', message }));
        // Back to idle once the listeners of this change have run.
        queueMicrotask(() => recorder.discard());
      }),
    [recorder, dispatch],
  );
  const closeVoice = useCallback(() => {
    setVoiceOn(false);
    requestAnimationFrame(() => ref.current?.focus());
  }, []);
  const sendRecording = useCallback(
    (mp3: Uint8Array, durationMs: number) => {
      if (!account) return;
      if (summary?.kind === 'group' && summary.group?.invitationPending) {
        // A voice message to an invitation accepts it first, like a text.
        void actions.accept(conversationId).then((ok) => {
          if (ok) void dispatch(sendVoice({ conversationId, sender: account.sessionId, mp3, durationMs, sentAt: now() }));
        });
        recorder.discard();
        closeVoice();
        return;
      }
      void dispatch(sendVoice({ conversationId, sender: account.sessionId, mp3, durationMs, sentAt: now() }));
      recorder.discard();
      closeVoice();
    },
    [account, conversationId, dispatch, now, recorder, closeVoice, summary, actions],
  );

  // --- groups: sending to a group we are invited to accepts the invitation first (spec/ui.md §4.8) ---
  const acceptInvitation = async (): Promise<boolean> => (summary?.kind === 'group' && summary.group?.invitationPending ? actions.accept(conversationId) : true);

  const send = async () => {
    if (!canSend || checking.current) return;
    if (remaining < 0) {
      setDialog('too-long');
      return;
    }
    if (text.trim() === '') {
      // Files alone: there is no text that could hold the recovery password.
      if (await acceptInvitation()) reallySend();
      return;
    }
    checking.current = true;
    const r = await dispatch(checkRecoveryPassword(text));
    checking.current = false;
    // The guard is a warning, not a gate: when the check itself cannot run, the message is still sent.
    if (checkRecoveryPassword.fulfilled.match(r) && r.payload) {
      setDialog('recovery-password');
      return;
    }
    if (await acceptInvitation()) reallySend();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // --- communities: the mention popup takes its keys first ---
    if (mentions.onKeyDown(e)) return;
    // --- replies: Esc drops the reply (spec/ui.md §4.7) ---
    if (e.key === 'Escape' && replyTo) {
      e.preventDefault();
      e.stopPropagation();
      dispatch(replyCleared(conversationId));
      return;
    }
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return;
    const sends = enterKey === 'enter-sends' ? !e.shiftKey : e.shiftKey;
    if (!sends) return; // the textarea inserts the newline itself
    e.preventDefault();
    void send();
  };

  const closeDialog = () => {
    setDialog(null);
    ref.current?.focus();
  };

  if (summary?.isBlocked) {
    return (
      <Area>
        <Form data-testid="composer" data-blocked="true" onSubmit={(e) => e.preventDefault()}>
          <BlockedBox type="button" onClick={() => actions.ask('unblock', summary)} data-testid="composer-blocked">
            {t('composerBlockedPlaceholder')}
          </BlockedBox>
          {actions.dialog}
        </Form>
      </Area>
    );
  }

  return (
    <Area data-testid="composer-area">
      {/* --- replies --- */}
      <ReplyPreview conversationId={conversationId} onClosed={() => ref.current?.focus()} />
      <AttachmentRail conversationId={conversationId} />
      {linkPreview.view /* link previews */}
      <Form
        data-testid="composer"
        // Until the recipient accepts our request, files and voice messages wait (a toast says so).
        data-awaiting-approval={outgoingRequest ? 'true' : undefined}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        {remaining <= COUNTER_THRESHOLD ? (
          <Counter
            $over={remaining < 0}
            title={remaining >= 0 ? t('tlCharactersRemaining', { count: remaining }) : t('tlReduceLength', { count: -remaining })}
            aria-live="polite"
            data-testid="composer-counter"
          >
            {remaining}
          </Counter>
        ) : null}
        {/* --- communities --- */}
        {voiceOn ? null : mentions.popup}
        {voiceOn || !canUpload ? null : (
          <IconButton label={t('composeAttach')} size={38} onClick={openPicker} data-testid="composer-attach">
            <Plus size={22} aria-hidden />
          </IconButton>
        )}
        <HiddenInput
          ref={fileInput}
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            // Choosing the same file again must fire change again.
            e.target.value = '';
            addFiles(files);
          }}
          data-testid="composer-file-input"
        />
        {voiceOn ? (
          <VoiceRecorderView recorder={recorder} onSend={sendRecording} onDiscard={closeVoice} />
        ) : (
          <textarea
            ref={ref}
            rows={1}
            value={text}
            dir="auto"
            placeholder={t('composerPlaceholder')}
            aria-label={t('composerLabel')}
            onChange={(e) => {
              setText(e.target.value);
              mentions.update(e.target.value, e.target.selectionStart ?? e.target.value.length);
            }}
            {...mentions.inputProps}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            data-testid="composer-input"
          />
        )}
        {/* --- emoji picker --- */}
        {voiceOn ? null : <ComposerEmojiButton onPick={insertEmoji} />}
        {voiceOn ? null : hasContent ? (
          <RoundButton $tone="primary" type="submit" disabled={!canSend} aria-label={t('send')} title={t('send')} data-testid="composer-send">
            <ArrowUp size={20} aria-hidden />
          </RoundButton>
        ) : !canUpload ? null : (
          <IconButton label={t('composeRecordVoice')} size={38} onClick={startVoice} data-testid="composer-mic">
            <Mic size={22} aria-hidden />
          </IconButton>
        )}
        {dialog === 'too-long' ? (
          <Dialog title={t('tlMessageTooLongTitle')} text={t('tlMessageTooLongText')} testId="message-too-long-dialog" onClose={closeDialog} />
        ) : null}
        {dialog === 'recovery-password' ? (
          <Dialog
            title={t('tlWarning')}
            text={t('tlRecoveryPasswordWarning')}
            testId="recovery-password-dialog"
            confirm={{
              label: t('tlSend'),
              danger: true,
              onClick: () => {
                setDialog(null);
                void acceptInvitation().then((ok) => ok && reallySend());
                ref.current?.focus();
              },
            }}
            onClose={closeDialog}
          />
        ) : null}
      </Form>
    </Area>
  );
}
