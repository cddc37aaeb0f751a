// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: the search box's results (spec/ui.md §3.3). The headings and "Loading..." are the official
// app's; the rest is the project's own wording.
export const enSearch = {
  searchResults: 'Search results',
  searchHeadingConversations: 'Conversations',
  searchHeadingContacts: 'Contacts',
  searchHeadingMessages: 'Messages',
  searchLoading: 'Loading...',
  searchFailed: 'Messages could not be searched: {message}',
  /** Prefix of our own messages in the results. */
  searchYouPrefix: 'You: ',
  /** A group message's author before the excerpt. */
  searchAuthorPrefix: '{author}: ',
};
