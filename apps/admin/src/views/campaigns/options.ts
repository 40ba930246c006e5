/** A draft counts nowhere yet; a running or closed campaign counts in the year's evaluation. */
export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
