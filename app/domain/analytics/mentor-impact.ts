/** One mentor's mentees, before and after their mentorships began (mentor-impact.server.ts). */
export interface MentorImpact {
  mentorId: string;
  mentorName: string;
  mentorHandle: string;
  organization: string | null;
  mentees: number;
  pointsBefore: number;
  pointsAfter: number;
  wonDealsBefore: number;
  wonDealsAfter: number;
}
