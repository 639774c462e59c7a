import type { SeedThread } from "../types";
import { communitySector } from "./community-sector";
import { gettingStarted } from "./getting-started";
import { implementation } from "./implementation";
import { licensing } from "./licensing";
import { lounge } from "./lounge";
import { managedServices } from "./managed-services";
import { moderators } from "./moderators";
import { sales } from "./sales";

export const forumThreads: SeedThread[] = [
  ...gettingStarted,
  ...implementation,
  ...sales,
  ...licensing,
  ...managedServices,
  ...communitySector,
  ...lounge,
  ...moderators,
];
