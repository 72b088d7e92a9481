// Public face of lib/sources: a user's connection to a source GitLab instance and what the importer page reads.
export { connect, disconnect, getConnection, getConnectionWithToken, type Connection, type ConnectionWithToken } from "./connections";
export { destinationGroup, listDestinationGroups, pathAvailability, type DestinationGroup, type PathAvailability } from "./destinations";
export { listSourceGroups, NotConnectedError, PER_PAGE_CHOICES, type PerPage, type SourceGroupRow, type SourceGroupsPage } from "./source-groups";
export { targetError, targetFullPath, TARGET_MESSAGES, TOP_LEVEL, type ImportTarget, type ParentChoice, type TargetError } from "./target-rules";
