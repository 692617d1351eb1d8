import type { PrivacyProvider } from '../../platform/privacy.js';

/**
 * The roster module keeps no personal data of its own: it writes people, roles, enrolments,
 * mentors and parent links into the org module's tables, which org/privacy.ts declares
 * (including users.source_id and enrolments.source_id). The sourcedId columns it adds to
 * locations, cohorts, programmes and groups describe structure, not people. Its audit
 * entries live in audit_log, declared by the identity module.
 */
export const rosterPrivacy: PrivacyProvider = {
  module: 'roster',
  tables: [],
  async exportFor() {
    return {};
  },
  async eraseFor() {},
};
