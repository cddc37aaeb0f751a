// Pure rules for showing attachments (spec/ui.md §4.3, §4.5, §5.5): which kind an attachment is
// drawn as, the image grid's box sizes (known from the pointer's width/height before any byte
// arrives, so timeline rows keep their measured height), shortened file names and sizes/durations.
import type { AttachmentView } from '../../../../ipc/contract';
import type { LocaleKey } from '../../../locales/en';

export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';

/** Images and videos go to the grid; audio (voice included) to the player; the rest are file rows. */
export function attachmentKind(a: Pick<AttachmentView, 'contentType' | 'voice'>): AttachmentKind {
  const type = a.contentType.toLowerCase();
  if (a.voice || type.startsWith('audio/')) return 'audio';
  // Animated GIFs pass as files (issue 11: they are sent without re-encoding and shown as files).
  if (type.startsWith('image/') && type !== 'image/gif') return 'image';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}

export const isVisualMedia = (a: Pick<AttachmentView, 'contentType' | 'voice'>): boolean => {
  const k = attachmentKind(a);
  return k === 'image' || k === 'video';
};

/** Image types a browser draws in an <img>; others show an icon in the lightbox. */
const DRAWABLE_IMAGES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon',
]);
const PLAYABLE_VIDEOS = new Set(['video/mp4', 'video/webm', 'video/ogg']);

export function canShowInline(a: Pick<AttachmentView, 'contentType' | 'voice'>): boolean {
  const type = a.contentType.toLowerCase();
  const k = attachmentKind(a);
  if (k === 'image') return DRAWABLE_IMAGES.has(type);
  if (k === 'video') return PLAYABLE_VIDEOS.has(type);
  return false;
}

/** The "Click to download {file_type}" word (spec/ui.md §4.3: Media/Audio/File). */
export function fileTypeLabel(a: Pick<AttachmentView, 'contentType' | 'voice'>): LocaleKey {
  const k = attachmentKind(a);
  return k === 'audio' ? 'mediaTypeAudio' : k === 'file' ? 'mediaTypeFile' : 'mediaTypeMedia';
}

export interface Box {
  width: number;
  height: number;
}

/** A single picture is 200 px tall; its width follows the pointer's aspect ratio within these bounds. */
export const SINGLE_HEIGHT = 200;
export const SINGLE_MIN_WIDTH = 120;
export const SINGLE_MAX_WIDTH = 300;
export const GRID_BIG = 200;
export const GRID_SMALL = 95;
export const GRID_GAP = 10;

/** The boxes of the grid's cells (at most three are drawn; the third shows "+N" for the rest). */
export function gridBoxes(items: ReadonlyArray<Pick<AttachmentView, 'width' | 'height'>>): Box[] {
  if (items.length === 0) return [];
  if (items.length === 1) {
    const { width, height } = items[0]!;
    if (!width || !height) return [{ width: SINGLE_HEIGHT, height: SINGLE_HEIGHT }];
    const w = Math.round((SINGLE_HEIGHT * width) / height);
    return [{ width: Math.max(SINGLE_MIN_WIDTH, Math.min(SINGLE_MAX_WIDTH, w)), height: SINGLE_HEIGHT }];
  }
  if (items.length === 2)
    return [
      { width: GRID_BIG, height: GRID_BIG },
      { width: GRID_BIG, height: GRID_BIG },
    ];
  return [
    { width: GRID_BIG, height: GRID_BIG },
    { width: GRID_SMALL, height: GRID_SMALL },
    { width: GRID_SMALL, height: GRID_SMALL },
  ];
}

/** spec/ui.md §4.3: a long file name is shortened to its first 15 and last 15 characters around "…". */
export function shortenFileName(name: string, keep = 15): string {
  const chars = Array.from(name);
  if (chars.length <= keep * 2 + 1) return name;
  return `${chars.slice(0, keep).join('')}…${chars.slice(-keep).join('')}`;
}

/** A byte count for people: B, KB, MB, GB (decimal units, as the official apps show them). */
const sizeFormats = new Map<string, Intl.NumberFormat>();

export function formatFileSize(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = Math.max(0, bytes);
  let u = 0;
  while (value >= 1000 && u < units.length - 1) {
    value /= 1000;
    u++;
  }
  const digits = u === 0 || value >= 100 ? 0 : 1;
  const key = `${locale ?? ''}\u0000${u}\u0000${digits}`;
  let f = sizeFormats.get(key);
  if (!f)
    sizeFormats.set(
      key,
      (f = new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: units[u],
        unitDisplay: 'short',
        maximumFractionDigits: digits,
      })),
    );
  return f.format(value);
}

/** m:ss (h:mm:ss past an hour) for the player and Message Info. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The key an attachment is known by in caches and the player registry. */
export const attachmentKey = (messageId: string, index: number): string => `${messageId}#${index}`;

/** Playback speeds the player's button cycles through. */
export const SPEEDS = [1, 1.5, 2] as const;
export const SPEED_LABELS: Record<(typeof SPEEDS)[number], LocaleKey> = {
  1: 'mediaSpeed1',
  1.5: 'mediaSpeed15',
  2: 'mediaSpeed2',
};
