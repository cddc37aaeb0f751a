// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
export const enSettings = {
} as const;
