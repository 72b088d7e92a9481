export { auth, handlers, signIn, signOut, InvalidLogin, TooManyAttempts, BlockedUser } from "./auth";
export { currentUser } from "./session";
export {
  authenticateToken,
  createPersonalAccessToken,
  listPersonalAccessTokens,
  newTokenSchema,
  revokePersonalAccessToken,
  TOKEN_SCOPES,
  type TokenIdentity,
  type TokenRecord,
  type TokenScope,
} from "./tokens";
export { TOKEN_SCOPE_DETAILS, tokenAllows } from "./scopes";
