// A video's poster frame, drawn in the renderer: the backend has no video decoder (sharp/libvips reads
// pictures only and no ffmpeg ships with the app), while Chromium decodes every video it can play. The
// frame is drawn from a muted, unattached <video> of the bytes the backend serves (a blob: URL), as the
// official desktop app does for its screenshots, and handed to the backend, which keeps its own re-encode.

/** Longest side of the frame handed over; the backend scales its thumbnail down from it. */
export const POSTER_MAX_SIDE = 960;
/** A video that shows no frame within this time gets no poster (the grid keeps its <video>). */
export const POSTER_TIMEOUT_MS = 15_000;

export interface PosterFrame {
  bytes: Uint8Array;
  /** The video's own size (not the frame's, which may be scaled down). */
  width: number;
  height: number;
}

/** The first frame of the video at `url` as a JPEG; rejects when it cannot be decoded or drawn. */
export function captureVideoFrame(url: string, doc: Document = document): Promise<PosterFrame> {
  return new Promise<PosterFrame>((resolve, reject) => {
    const video = doc.createElement('video');
    let done = false;
    const finish = (err: Error | undefined, frame?: PosterFrame) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      video.removeAttribute('src');
      video.load();
      if (err) reject(err);
      else resolve(frame!);
    };
    const timer = setTimeout(() => finish(new Error('The video showed no frame in time.')), POSTER_TIMEOUT_MS);
    video.muted = true;
    video.preload = 'auto';
    video.playsInline = true;
    video.addEventListener('error', () => finish(new Error('The video could not be decoded.')));
    // 'loadeddata': the frame at the current position (the first) can be drawn.
    video.addEventListener('loadeddata', () => {
      const { videoWidth: w, videoHeight: h } = video;
      if (!w || !h) return finish(new Error('The video has no picture.'));
      const scale = Math.min(1, POSTER_MAX_SIDE / Math.max(w, h));
      const canvas = doc.createElement('canvas');
      canvas.width = Math.max(1, Math.round(w * scale));
      canvas.height = Math.max(1, Math.round(h * scale));
      const ctx = canvas.getContext('2d');
      if (!ctx) return finish(new Error('No 2D canvas to draw the frame on.'));
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(
        (blob) => {
          if (!blob) return finish(new Error('The frame could not be encoded.'));
          blob.arrayBuffer().then(
            (buf) => finish(undefined, { bytes: new Uint8Array(buf), width: w, height: h }),
            (e: unknown) => finish(e instanceof Error ? e : new Error(String(e))),
          );
        },
        'image/jpeg',
        0.8,
      );
    });
    video.src = url;
  });
}
