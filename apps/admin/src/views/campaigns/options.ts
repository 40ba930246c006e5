/** DESIGN §3.7: catalogue categories and fund sources. */
export const PUBLICATION_CATEGORIES = ['party', 'education', 'student'] as const;
export const FUND_SOURCES = ['public', 'self'] as const;
/** A draft counts nowhere yet; a running or closed campaign counts in the year's evaluation. */
export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
