import type { Migration, MigrationProvider } from "kysely";
import * as foundation from "./2026-11-23T0900-foundation";
import * as outboxRetries from "./2026-11-23T2300-outbox-retries";
import * as forum from "./2026-11-24T0000-forum";
import * as follow from "./2026-11-24T0100-follow";
import * as uploads from "./2026-11-24T0200-uploads";
import * as mentoring from "./2026-11-25T0100-mentoring";
import * as directoryMessages from "./2026-11-25T0150-directory-messages";
import * as moderation from "./2026-11-25T0300-moderation";
import * as councils from "./2026-11-25T0200-councils";
import * as mentoringNotesNotices from "./2026-11-25T0155-mentoring-notes-notices";
import * as recognition from "./2026-11-25T0000-recognition";
import * as mail from "./2026-11-26T0400-mail";
import * as recognitionAggregatesVacuum from "./2026-11-26T0300-recognition-aggregates-vacuum";
import * as analytics from "./2026-11-26T0600-analytics";
import * as socketIoAttachments from "./2026-11-26T0700-socket-io-attachments";
import * as accountSecurity from "./2026-11-26T0500-account-security";
import * as userMutes from "./2026-11-27T0100-user-mutes";
import * as analyticsAggregates from "./2026-11-27T0400-analytics-aggregates";
import * as directorySearchDocuments from "./2026-11-27T0500-directory-search-documents";
import * as leaderboardPlans from "./2026-11-28T0300-leaderboard-plans";
import * as postsCreated from "./2026-11-28T0600-posts-created";
import * as postsCategory from "./2026-12-06T2300-posts-category";
import * as recognitionScoreVersion from "./2026-12-07T0700-recognition-score-version";

/**
 * Migrations listed statically (not read from the folder) so they run the same under tsx,
 * in tests and from any working directory. Add new ones at the end, date-prefixed.
 */
const migrations: Record<string, Migration> = {
  "2026-11-23T0900-foundation": foundation,
  "2026-11-23T2300-outbox-retries": outboxRetries,
  "2026-11-24T0000-forum": forum,
  "2026-11-24T0100-follow": follow,
  "2026-11-24T0200-uploads": uploads,
  "2026-11-25T0100-mentoring": mentoring,
  "2026-11-25T0150-directory-messages": directoryMessages,
  "2026-11-25T0300-moderation": moderation,
  "2026-11-25T0200-councils": councils,
  "2026-11-25T0155-mentoring-notes-notices": mentoringNotesNotices,
  "2026-11-25T0000-recognition": recognition,
  "2026-11-26T0400-mail": mail,
  "2026-11-26T0300-recognition-aggregates-vacuum": recognitionAggregatesVacuum,
  "2026-11-26T0600-analytics": analytics,
  "2026-11-26T0700-socket-io-attachments": socketIoAttachments,
  "2026-11-26T0500-account-security": accountSecurity,
  "2026-11-27T0100-user-mutes": userMutes,
  "2026-11-27T0400-analytics-aggregates": analyticsAggregates,
  "2026-11-27T0500-directory-search-documents": directorySearchDocuments,
  "2026-11-28T0300-leaderboard-plans": leaderboardPlans,
  "2026-11-28T0600-posts-created": postsCreated,
  "2026-12-06T2300-posts-category": postsCategory,
  "2026-12-07T0700-recognition-score-version": recognitionScoreVersion,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
