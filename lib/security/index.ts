export { createNonce, pageContentSecurityPolicy, type PagePolicyOptions } from "./content-security-policy";
export { isAllowedOriginHost, isCrossOriginWrite, requestHost } from "./request-origin";
export { isHttpsRequest } from "./request-protocol";
