// The link finder lives in ts/ipc/links.ts: the backend's link-preview rules (spec messaging §6.3) must find
// exactly the links this renderer shows.
export { linkableUrl, splitLinks, type TextSegment } from '../../../ipc/links';
