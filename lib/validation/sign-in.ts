import { z } from "zod";

/** A missing value reads as empty; any other non-string (a file part in a forged post) is invalid. */
const notAString = (required: string, invalid: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? required : invalid),
});

/** Errors are message keys under "signIn", translated where they are shown. */
export const signInSchema = z.object({
  email: z.string(notAString("emailRequired", "emailInvalid")).trim().min(1, "emailRequired").max(320, "emailInvalid").pipe(z.email("emailInvalid")),
  password: z.string(notAString("passwordRequired", "invalid")).min(1, "passwordRequired").max(1024, "invalid"),
});

export type SignInInput = z.infer<typeof signInSchema>;
