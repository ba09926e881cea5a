import { z } from "zod";

/** A missing value reads as empty; any other non-string (a file part in a forged post) is invalid. */
const notAString = (required: string, invalid: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? required : invalid),
});

/** The message keys of the sign-in form (under "signIn" in the catalogues). */
export const SIGN_IN_KEYS: ReadonlySet<string> = new Set(["emailRequired", "emailInvalid", "passwordRequired", "invalid", "throttled", "busy"]);

/** Errors are message keys under "signIn", translated where they are shown. */
export const signInSchema = z.object({
  email: z.string(notAString("emailRequired", "emailInvalid")).trim().min(1, "emailRequired").max(320, "emailInvalid").pipe(z.email("emailInvalid")),
  password: z.string(notAString("passwordRequired", "invalid")).min(1, "passwordRequired").max(1024, "invalid"),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** A one-time code (TOTP or recovery code) as typed; errors are keys under "mfa". */
export const codeSchema = z.object({
  code: z.unknown().transform((v, ctx) => {
    const s = typeof v === "string" ? v.slice(0, 64) : "";
    if (!s.trim()) ctx.addIssue({ code: "custom", message: "codeRequired" });
    return s;
  }),
});
export const CODE_KEYS: ReadonlySet<string> = new Set(["codeRequired", "codeInvalid", "codeUsed", "throttled", "busy"]);
