export { baseUrlOf } from "./base-url";
export { groupEntity } from "./entities/group";
export { userBasic, userPublic, userSelf } from "./entities/user";
export { pageParams, paginationHeaders, type PageParams } from "./pagination";
export { apiRoute, tokenFromRequest, type ApiContext } from "./request-auth";
export { boolParam, MalformedParams, readParams } from "./params";
export * from "./responses";
export { groupChildrenRoute } from "./group-children";
export { labelEntity, milestoneEntity } from "./entities/content";
