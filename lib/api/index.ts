export { baseUrlOf } from "./base-url";
export { groupEntity } from "./entities/group";
export { memberEntity, type MemberLike } from "./entities/member";
export { projectBasicEntity, projectEntity, projectWithAccessEntity } from "./entities/project";
export { projectImportStatusEntity } from "./entities/project-import-status";
export { projectImportResponse } from "./project-import-response";
export { userBasic, userPublic, userSelf } from "./entities/user";
export { bulkImportEntity, bulkImportEntityEntity, bulkImportFailureEntity } from "./entities/bulk-imports";
export { pageParams, paginationHeaders, type PageParams } from "./pagination";
export { apiRoute, tokenFromRequest, type ApiContext } from "./request-auth";
export { queryList, readParams } from "./params";
export { digitsRowId, integerChoice, integerParam, pathRowId, rowIdListParam, rowIdParam } from "./ids";
export { booleanParam } from "./booleans";
export { dateTimeParam } from "./dates";
export { choiceParam, stringParam } from "./strings";
export { invalid, notAValue, ParamError, readAll } from "./param-error";
export * from "./responses";
export { groupChildrenRoute } from "./group-children";
export { membersRoute } from "./members";
export { archiveRoute } from "./project-archive";
export { projectMembersRoute } from "./project-members";
export { projectAttributeParams, projectListParams, projectSettingParams, stringListParam } from "./project-params";
export { projectErrorResponse, projectJson, projectListJson, type ProjectShape } from "./project-responses";
export { labelEntity, milestoneEntity } from "./entities/content";
export { badgeEntity } from "./entities/badges";
export { boardEntity, boardListEntity, movableLists, type BoardParent } from "./entities/boards";
export { findContentParent, type ContentParent, type ParentKind } from "./content-parent";
export { labelRoute, labelsRoute } from "./content-labels";
export { milestoneRoute, milestonesRoute } from "./content-milestones";
export { badgeRoute, badgesRoute } from "./content-badges";
export { boardListRoute, boardListsRoute, boardRoute, boardsRoute } from "./content-boards";
export { iterationEntity } from "./entities/iterations";
export { epicEntity, type EpicEntityOptions } from "./entities/epics";
export { noteEntity } from "./entities/notes";
export { keysetPaginationHeaders, uncountedPaginationHeaders } from "./pagination";
export { repositoryRoute, type RepositoryContext, type RepositoryRouteOptions } from "./repository-route";
export { treeRoute } from "./repository-tree";
export { blobRoute, fileRoute, rawBlobRoute, rawFileRoute } from "./repository-files";
export { commitDiffRoute, commitRefsRoute, commitRoute, commitsRoute, compareRoute } from "./repository-commits";
export { branchesRoute, branchRoute, tagRoute, tagsRoute } from "./repository-refs";
export { releaseRoute, releasesRoute } from "./releases";
export { releaseDownloadRoute, releaseLinkRoute, releaseLinksRoute, releaseLinksWriteRoute } from "./release-links";
export { protectedBranchesRoute, protectedBranchRoute, protectedTagRoute, protectedTagsRoute } from "./protected-refs";
export { repositoryArchiveRoute } from "./repository-archive";
export { wikiPageRoute, wikisRoute } from "./project-wikis";
export { branchEntity, commitDetailEntity, commitEntity, commitTrailers, diffEntity, tagEntity } from "./entities/repository";
export { graphqlRoute } from "./graphql-route";
export { projectSnippetFileRawRoute, projectSnippetRawRoute, projectSnippetRoute, projectSnippetsRoute } from "./project-snippets";
export { pipelineScheduleRoute, pipelineSchedulesRoute } from "./project-pipeline-schedules";
export { customAttributeRoute, customAttributesRoute } from "./project-custom-attributes";
export { groupIssuesRoute, issueAwardEmojiRoute, issueDiscussionsRoute, issueLabelEventsRoute, issueMilestoneEventsRoute, issueNotesRoute, issueStateEventsRoute, projectIssueRoute, projectIssuesRoute, userIssuesRoute } from "./issues";
export { commitCommentsRoute, commitStatusesRoute, jobRoute, pipelineBridgesRoute, pipelineJobsRoute, pipelineRoute, pipelinesRoute, projectJobsRoute } from "./project-pipelines";
export {
  groupMergeRequestsRoute,
  mergeRequestApprovalsRoute,
  mergeRequestChangesRoute,
  mergeRequestCommitsRoute,
  mergeRequestDiffsRoute,
  mergeRequestDiscussionsRoute,
  mergeRequestNotesRoute,
  mergeRequestPipelinesRoute,
  mergeRequestRouteGet,
  projectMergeRequestsRoute,
  userMergeRequestsRoute,
} from "./merge-requests";
