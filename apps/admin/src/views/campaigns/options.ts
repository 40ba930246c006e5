/** DESIGN §3.7: catalogue categories and fund sources. */
export const PUBLICATION_CATEGORIES = ['party', 'education', 'student'] as const;
export const FUND_SOURCES = ['public', 'self'] as const;
