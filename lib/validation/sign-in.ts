import { z } from "zod";

/** Errors are message keys under "signIn", translated where they are shown. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "emailRequired").max(320, "emailInvalid").pipe(z.email("emailInvalid")),
  password: z.string().min(1, "passwordRequired").max(1024, "invalid"),
});

export type SignInInput = z.infer<typeof signInSchema>;
