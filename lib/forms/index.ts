// Public face of lib/forms: the state server actions return to forms (browser-safe: zod only).
export * from "./action-state";
