import type { PrivacyProvider } from '../../platform/privacy.js';

/**
 * The monitor stores aggregates only: counts per group, team, opleiding and institution, and
 * imported national feeds. No table refers to a person, so there is nothing to export or erase
 * for one person; an erased student drops out of the figures at the next refresh.
 */
export const monitorPrivacy: PrivacyProvider = {
  module: 'monitor',
  tables: [],
  exportFor: async () => ({}),
  eraseFor: async () => undefined,
};
