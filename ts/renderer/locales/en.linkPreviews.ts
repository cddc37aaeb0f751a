// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// Link previews: the consent prompt, the composer's preview card and the bubble's card (spec/ui.md §4.3, §4.7).
export const enLinkPreviews = {
  lpEnableTitle: 'Enable Link Previews',
  lpEnableText:
    "Display previews for URLs you send and receive. This can be useful, however Session must contact linked websites to generate previews. You can always turn off link previews in Session's settings.",
  lpEnable: 'Enable',
  lpLoading: 'Loading link preview',
  lpRemove: 'Remove link preview',
  lpOpen: 'Open link {url}',
  lpImageAlt: 'Preview image',
};
