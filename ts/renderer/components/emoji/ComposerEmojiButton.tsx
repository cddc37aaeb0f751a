// The composer's emoji button (spec/ui.md §4.7): the smiley (or Ctrl/Cmd+E while the conversation is
// open and no dialog owns the keyboard) toggles the picker, anchored above it; each chosen emoji goes in
// at the caret, replacing a selection, and the picker stays open for more. Esc closes it.
import { Smile } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import styled from 'styled-components';
import { useAppSelector } from '../../hooks/redux';
import { t } from '../../locales/i18n';
import { selectAppInfo } from '../../state/app';
import { IconButton } from '../common/IconButton';
import { EmojiPicker } from './EmojiPicker';

/** The text with `insert` put in place of [start, end), and where the caret goes after it. */
/** Holds the button, so the picker can be placed at it. */
const Anchor = styled.span`
  display: inline-flex;
  flex: none;
`;

export function insertAtCaret(
  text: string,
  insert: string,
  start: number,
  end: number,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

export function ComposerEmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLSpanElement>(null);
  const mac = useAppSelector(selectAppInfo)?.platform === 'darwin';
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
      if (!mod || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'e') return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mac]);
  return (
    <>
      <Anchor ref={button}>
        <IconButton
          label={t('composeEmoji')}
          size={38}
          aria-haspopup="dialog"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          data-testid="composer-emoji"
        >
          <Smile size={22} aria-hidden />
        </IconButton>
      </Anchor>
      {open && button.current ? (
        <EmojiPicker
          anchor={button.current.querySelector('button') ?? button.current}
          onSelect={onPick}
          onClose={() => setOpen(false)}
          testId="composer-emoji-picker"
        />
      ) : null}
    </>
  );
}
